// Services every in-process peer of the CLI and the examples can call: an echo, a counter, one
// that fails, and the few `op` functions that Aqua-compiled scripts call on every peer.
import type { JSONValue } from './types.js';
import type { Services } from './peer.js';

/** A fresh set of built-in services (the counter counts per set). */
export function builtinServices(): Services {
  let count = 0;
  return {
    echo: { echo: (args: JSONValue[]) => args },
    counter: { next: () => ++count },
    fail: {
      fail: (args: JSONValue[]) => {
        throw new Error(args.length > 0 ? String(args[0]) : 'failed on purpose');
      },
    },
    op: {
      noop: () => null,
      identity: (args: JSONValue[]) => (args.length > 0 ? args[0] : null),
      array: (args: JSONValue[]) => args,
      array_length: (args: JSONValue[]) => {
        if (!Array.isArray(args[0])) throw new Error('op.array_length takes an array');
        return args[0].length;
      },
      concat: (args: JSONValue[]) => {
        if (!args.every(Array.isArray)) throw new Error('op.concat takes arrays');
        return (args as JSONValue[][]).flat(1);
      },
    },
  };
}
