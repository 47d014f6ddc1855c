// A seeded generator of AIR scripts for the law tests (execution.md section 5): random trees of
// seq/par/xor/match/new over calls, aps, canons and folds on 2-4 peers, mixed with the multi-peer
// patterns of execution.md 6 and of Aqua compiler output (relay hops, fan-out over a peer list
// with a canon join, folds over streams written by several peers, recursive streams, stream maps,
// xor error handlers).
//
// A script is an AST (plain objects, below) printed to AIR by `print`. Peer ids appear as `$A$`
// placeholders, replaced by the peers' real ids (tests/oracle/identity.mjs) before running.
//
// What a service returns is encoded in the function name, so the AIR text alone determines every
// result (a reproducer needs nothing else); every call uses service "s":
//   str_T     the string "T/<peer>/<hash of the arguments>" (<peer> = the executing peer's name)
//   peers_AC  the array of the peer ids of A and C
//   peer_B    the peer id of B
//   num_N     the number N
//   obj_T     {"a": "T", "b": [1, 2]}
//   more_N    with argument s: "stop" once s ends with N "+" characters, else s + "+"
//   fail_N    an error: ret_code N, result "\"failure N\""
//
// Nodes:
//   {k:'call', peer, fn, args: [value], out: null | 'x3' | '$s1'}
//   {k:'seq'|'par'|'xor', l, r}   {k:'match'|'mismatch', a, b, body}   {k:'new', name, body}
//   {k:'ap', arg, out}   {k:'apmap', key, value, map}   {k:'canon', peer, src, dst}
//   {k:'fold', iter: value | '$s1' | '%m1', it, body, last: node | null}   {k:'next', it}
//   {k:'fail', code, msg}   {k:'null'}   {k:'never'}
// Values: {v:'lit', s} | {v:'peer', name} | {v:'init'} | {v:'num', n} | {v:'var', name, lens}
//   | {v:'last_error', lens} | {v:'error', lens}
import { createHash } from 'node:crypto';

// ---------------------------------------------------------------------------------------------
// Printing

export function printValue(x) {
  switch (x.v) {
    case 'lit':
      return `"${x.s}"`;
    case 'peer':
      return `"$${x.name}$"`;
    case 'init':
      return '%init_peer_id%';
    case 'num':
      return String(x.n);
    case 'var':
      return x.name + (x.lens ?? '');
    case 'last_error':
      return '%last_error%' + (x.lens ?? '');
    case 'error':
      return ':error:' + (x.lens ?? '');
    default:
      throw new Error(`unknown value ${JSON.stringify(x)}`);
  }
}

/** AIR text of an AST, indented. */
export function print(node, indent = '') {
  const inner = indent + '  ';
  const v = printValue;
  switch (node.k) {
    case 'call':
      return `${indent}(call ${v(node.peer)} ("s" "${node.fn}") [${node.args.map(v).join(' ')}]${node.out ? ` ${node.out}` : ''})`;
    case 'seq':
    case 'par':
    case 'xor':
      return `${indent}(${node.k}\n${print(node.l, inner)}\n${print(node.r, inner)})`;
    case 'match':
    case 'mismatch':
      return `${indent}(${node.k} ${v(node.a)} ${v(node.b)}\n${print(node.body, inner)})`;
    case 'new':
      return `${indent}(new ${node.name}\n${print(node.body, inner)})`;
    case 'ap':
      return `${indent}(ap ${v(node.arg)} ${node.out})`;
    case 'apmap':
      return `${indent}(ap (${v(node.key)} ${v(node.value)}) ${node.map})`;
    case 'canon':
      return `${indent}(canon ${v(node.peer)} ${node.src} ${node.dst})`;
    case 'fold': {
      const iter = typeof node.iter === 'string' ? node.iter : v(node.iter);
      return `${indent}(fold ${iter} ${node.it}\n${print(node.body, inner)}${node.last ? `\n${print(node.last, inner)}` : ''})`;
    }
    case 'next':
      return `${indent}(next ${node.it})`;
    case 'fail':
      return `${indent}(fail ${node.code} "${node.msg}")`;
    case 'null':
      return `${indent}(null)`;
    case 'never':
      return `${indent}(never)`;
    default:
      throw new Error(`unknown node ${node.k}`);
  }
}

/** The number of nodes of a tree (the size the shrinker minimizes). */
export function size(node) {
  let n = 1;
  for (const c of children(node)) n += size(c);
  return n;
}

export function children(node) {
  switch (node.k) {
    case 'seq':
    case 'par':
    case 'xor':
      return [node.l, node.r];
    case 'match':
    case 'mismatch':
    case 'new':
      return [node.body];
    case 'fold':
      return node.last ? [node.body, node.last] : [node.body];
    default:
      return [];
  }
}

/** Every node of a tree, pre-order, with a function that rebuilds the tree replacing it. */
export function* positions(node, rebuild = (x) => x) {
  yield [node, rebuild];
  switch (node.k) {
    case 'seq':
    case 'par':
    case 'xor':
      yield* positions(node.l, (x) => rebuild({ ...node, l: x }));
      yield* positions(node.r, (x) => rebuild({ ...node, r: x }));
      break;
    case 'match':
    case 'mismatch':
    case 'new':
      yield* positions(node.body, (x) => rebuild({ ...node, body: x }));
      break;
    case 'fold':
      yield* positions(node.body, (x) => rebuild({ ...node, body: x }));
      if (node.last) yield* positions(node.last, (x) => rebuild({ ...node, last: x }));
      break;
    default:
      break;
  }
}

// ---------------------------------------------------------------------------------------------
// Services

const shortHash = (text) => createHash('sha256').update(text).digest('hex').slice(0, 6);

/**
 * What the service of a call request returns: {retCode, result} (result = JSON text).
 * `peerName` is the executing peer; `peerIds` maps names to ids.
 */
export function serviceAnswer(functionName, args, peerName, peerIds) {
  const [kind, param = ''] = functionName.split(/_(.*)/s);
  switch (kind) {
    case 'str':
      return ok(`${param}/${peerName}/${shortHash(JSON.stringify(args))}`);
    case 'peers':
      return ok([...param].map((n) => peerIds[n]));
    case 'peer':
      return ok(peerIds[param]);
    case 'num':
      return ok(Number(param));
    case 'obj':
      return ok({ a: param, b: [1, 2] });
    case 'more': {
      const s = typeof args[0] === 'string' ? args[0] : JSON.stringify(args[0]);
      const n = Number(param);
      return ok(s.endsWith('+'.repeat(n)) ? 'stop' : `${s}+`);
    }
    case 'fail':
      return { retCode: Number(param), result: JSON.stringify(`failure ${param}`) };
    default:
      return ok(null);
  }
}

const ok = (value) => ({ retCode: 0, result: JSON.stringify(value) });

// ---------------------------------------------------------------------------------------------
// Generation

const lit = (s) => ({ v: 'lit', s });
const peerV = (name) => ({ v: 'peer', name });
const varV = (name, lens) => ({ v: 'var', name, lens });
const seq = (l, r) => ({ k: 'seq', l, r });
const par = (l, r) => ({ k: 'par', l, r });
const xor = (l, r) => ({ k: 'xor', l, r });
const NULL = { k: 'null' };

/**
 * Options (all optional): {peers: 2..4 | ['A', ...], maxSize, errors: use %last_error% / :error:
 * in handlers, recursion: recursive streams, failures: failing services, streamMaps}.
 * Returns {ast, air (with $X$ placeholders), peers, init, features}.
 * features: which shapes occur (the laws consult them for the known violations of 5.4).
 */
export function generate(rng, options = {}) {
  const nPeers = Array.isArray(options.peers) ? options.peers.length : options.peers ?? rng.int(2, 4);
  const peers = Array.isArray(options.peers) ? options.peers : ['A', 'B', 'C', 'D'].slice(0, nPeers);
  const g = new Gen(rng, peers, {
    errors: options.errors ?? true,
    recursion: options.recursion ?? true,
    failures: options.failures ?? true,
    streamMaps: options.streamMaps ?? true,
  });
  const maxSize = options.maxSize ?? rng.int(6, 26);
  const ast = g.instr(g.root(), maxSize);
  return { ast, air: print(ast), peers, init: 'A', features: features(ast) };
}

class Gen {
  constructor(rng, peers, opts) {
    this.rng = rng;
    this.peers = peers;
    this.opts = opts;
    this.counter = 0;
    this.streamNames = ['$s1', '$s2', '$s3'];
    this.peerStreams = ['$p1', '$p2'];
    // streams and maps written so far in text order (the validator wants a write, or an
    // enclosing new, before a fold over a stream: language.md 2.4)
    this.written = new Set();
  }

  wrote(name) {
    if (name && (name.startsWith('$') || name.startsWith('%'))) this.written.add(name);
    return name;
  }

  fresh(prefix) {
    return `${prefix}${++this.counter}`;
  }

  root() {
    // scalars: [{name, kind: 'str'|'peer'|'peers'|'obj'|'num'|'any'}], canons: [{name, kind}]
    // iterated: the streams and maps enclosing folds iterate
    return { scalars: [], canons: [], iters: [], streams: [], iterated: [], inFold: 0, inStreamFold: 0 };
  }

  /** A child scope: definitions in it stay local (fold bodies). */
  child(ctx, extra = {}) {
    return { ...ctx, scalars: [...ctx.scalars], canons: [...ctx.canons], iters: [...ctx.iters], streams: [...ctx.streams], iterated: [...ctx.iterated], ...extra };
  }

  // --- values ------------------------------------------------------------------------------

  peerRef(ctx) {
    const r = this.rng;
    const options = [[5, () => peerV(r.pick(this.peers))], [1, () => ({ v: 'init' })]];
    const peerScalars = ctx.scalars.filter((s) => s.kind === 'peer');
    const peerIters = ctx.iters.filter((s) => s.kind === 'peer');
    const peerLists = ctx.scalars.filter((s) => s.kind === 'peers');
    if (peerScalars.length) options.push([2, () => varV(r.pick(peerScalars).name)]);
    if (peerIters.length) options.push([5, () => varV(r.pick(peerIters).name)]);
    if (peerLists.length) options.push([1, () => varV(r.pick(peerLists).name, '.$.[0]')]);
    return r.weighted(options)();
  }

  value(ctx) {
    const r = this.rng;
    const options = [
      [2, () => lit(r.pick(['a', 'b', 'x', 'y']))],
      [0.5, () => ({ v: 'num', n: r.int(0, 3) })],
      [0.5, () => ({ v: 'init' })],
    ];
    const vars = [...ctx.scalars, ...ctx.iters];
    if (vars.length) options.push([5, () => varV(r.pick(vars).name)]);
    const objs = ctx.scalars.filter((s) => s.kind === 'obj');
    if (objs.length) options.push([1, () => varV(r.pick(objs).name, r.pick(['.$.a', '.$.b.[1]']))]);
    if (ctx.canons.length) {
      options.push([2, () => varV(r.pick(ctx.canons).name)]);
      options.push([0.5, () => varV(r.pick(ctx.canons).name, '.length')]);
    }
    return r.weighted(options)();
  }

  // --- leaves ------------------------------------------------------------------------------

  call(ctx, { peer, fn, out, args } = {}) {
    const r = this.rng;
    peer ??= this.peerRef(ctx);
    if (fn === undefined) {
      const opts = [
        [8, 'str'],
        [1, 'peers'],
        [0.7, 'peer'],
        [0.4, 'num'],
        [0.4, 'obj'],
      ];
      if (this.opts.failures) opts.push([1.2, 'fail']);
      const kind = r.weighted(opts);
      fn = {
        str: () => `str_${this.fresh('t')}`,
        peers: () => `peers_${r.shuffle(this.peers).slice(0, r.int(1, this.peers.length)).join('')}`,
        peer: () => `peer_${r.pick(this.peers)}`,
        num: () => `num_${r.int(0, 9)}`,
        obj: () => `obj_${this.fresh('o')}`,
        fail: () => `fail_${r.int(1, 9)}`,
      }[kind]();
    }
    const kind = fn.split('_')[0];
    if (out === undefined) {
      if (kind === 'fail') out = r.chance(0.5) ? null : this.fresh('x');
      else if (kind === 'peers' || kind === 'obj' || kind === 'num') out = this.fresh('x');
      else if (kind === 'peer') out = r.chance(0.3) ? this.peerStream(ctx) : this.fresh('x');
      else out = r.weighted([[1, null], [3, 'scalar'], [2, 'stream']]);
      if (out === 'scalar') out = this.fresh('x');
      else if (out === 'stream') out = this.stream(ctx);
    }
    args ??= Array.from({ length: r.weighted([[2, 0], [3, 1], [1, 2]]) }, () => this.value(ctx));
    this.wrote(out);
    if (out && !out.startsWith('$')) ctx.scalars.push({ name: out, kind: { str: 'str', peers: 'peers', peer: 'peer', num: 'num', obj: 'obj' }[kind] ?? 'any' });
    return { k: 'call', peer, fn, args, out };
  }

  /**
   * A stream to write. Never one an enclosing fold iterates: a body feeding its own stream
   * recurses until the size limit (only recursive() does that, bounded).
   */
  stream(ctx) {
    const r = this.rng;
    const free = (s) => !ctx.iterated.includes(s);
    const local = ctx.streams.filter((s) => !this.peerStreams.includes(s) && free(s));
    if (local.length && r.chance(0.6)) return r.pick(local);
    const global = this.streamNames.filter(free);
    return global.length ? r.pick(global) : '$s9';
  }

  /** A stream of peer ids to write (same rule). */
  peerStream(ctx) {
    const free = this.peerStreams.filter((s) => !ctx.iterated.includes(s));
    return free.length ? this.rng.pick(free) : '$p9';
  }

  ap(ctx) {
    const r = this.rng;
    if (r.chance(0.25)) return { k: 'ap', arg: this.peerRef(ctx), out: this.wrote(this.peerStream(ctx)) };
    const arg = this.value(ctx);
    if (r.chance(0.2)) {
      const name = this.fresh('x');
      ctx.scalars.push({ name, kind: 'any' });
      return { k: 'ap', arg, out: name };
    }
    return { k: 'ap', arg, out: this.wrote(this.stream(ctx)) };
  }

  canon(ctx, src) {
    const r = this.rng;
    src ??= r.chance(0.25) ? r.pick(this.peerStreams) : this.stream(ctx);
    const dst = `#$c${++this.counter}`;
    ctx.canons.push({ name: dst, kind: 'canon' });
    return { k: 'canon', peer: this.peerRef(ctx), src, dst };
  }

  leaf(ctx) {
    const r = this.rng;
    return r.weighted([
      [7, () => this.call(ctx)],
      [2, () => this.ap(ctx)],
      [1, () => this.canon(ctx)],
      [0.6, () => NULL],
      [0.2, () => ({ k: 'never' })],
      [0.3, () => ({ k: 'fail', code: r.int(1, 99), msg: 'boom' })],
    ])();
  }

  // --- composites --------------------------------------------------------------------------

  instr(ctx, budget) {
    const r = this.rng;
    if (budget <= 1) return this.leaf(ctx);
    const o = this.opts;
    // [weight, build, makes a fold]
    let options = [
      [4, () => this.binary('seq', ctx, budget)],
      [3, () => this.binary('par', ctx, budget)],
      [1.2, () => this.binary('xor', ctx, budget)],
      [1.5, () => this.fanout(ctx, budget), true],
      [1.5, () => this.streamFold(ctx, budget), true],
      [0.8, () => this.canonFold(ctx, budget), true],
      [1, () => this.relay(ctx, budget)],
      [0.8, () => this.matchNode(ctx, budget)],
      [0.5, () => this.newNode(ctx, budget)],
      [0.7, () => this.producersConsumer(ctx, budget), true],
    ];
    if (o.errors) options.push([0.8, () => this.handler(ctx, budget)]);
    if (o.recursion) options.push([0.4, () => this.recursive(ctx, budget), true]);
    if (o.streamMaps) options.push([0.4, () => this.streamMap(ctx, budget), true]);
    // no deeper fold nesting: fan-outs of fan-outs make the data grow as peers^depth
    if (ctx.inFold >= 2) options = options.filter((x) => !x[2]);
    return r.weighted(options)();
  }

  split(budget) {
    const left = this.rng.int(1, Math.max(1, budget - 2));
    return [left, Math.max(1, budget - 1 - left)];
  }

  binary(k, ctx, budget) {
    const [a, b] = this.split(budget);
    const l = this.instr(ctx, a);
    const r = this.instr(ctx, b);
    return { k, l, r };
  }

  /** A body that ends in (next it) in tail position (language.md 2.5), e.g. (par B (next i)). */
  iterationBody(ctx, it, budget) {
    const r = this.rng;
    const body = this.instr(ctx, Math.max(1, budget));
    const next = { k: 'next', it };
    return r.weighted([
      [3, () => par(body, next)],
      [3, () => seq(body, next)],
      [0.6, () => seq(body, xor(next, NULL))],
      [0.6, () => par(body, seq(this.leaf(ctx), next))],
    ])();
  }

  last(ctx) {
    return this.rng.weighted([
      [3, () => null],
      [2, () => NULL],
      [1, () => this.call(ctx, { out: null })],
    ])();
  }

  /** Fan-out over a peer list: (seq (call X peers) (fold ps p (par (call p …) (next p)))), maybe with a canon join. */
  fanout(ctx, budget) {
    const r = this.rng;
    const lists = ctx.scalars.filter((s) => s.kind === 'peers');
    let pre = null;
    let list;
    if (lists.length && r.chance(0.5)) list = r.pick(lists).name;
    else {
      const c = this.call(ctx, { fn: `peers_${r.shuffle(this.peers).slice(0, r.int(1, this.peers.length)).join('')}` });
      pre = c;
      list = c.out;
    }
    const it = this.fresh('i');
    const inner = this.child(ctx, { inFold: ctx.inFold + 1 });
    inner.iters.push({ name: it, kind: 'peer' });
    const collect = r.chance(0.6) ? this.stream(ctx) : null;
    let body;
    if (collect) {
      const c = this.call(inner, { peer: varV(it), fn: `str_${this.fresh('t')}`, out: collect });
      body = budget > 4 && r.chance(0.5) ? seq(c, this.instr(inner, budget - 4)) : c;
      body = r.chance(0.8) ? par(body, { k: 'next', it }) : seq(body, { k: 'next', it });
    } else body = this.iterationBody(inner, it, budget - 3);
    let node = { k: 'fold', iter: varV(list), it, body, last: this.last(inner) };
    if (collect && r.chance(0.7)) {
      // the Aqua join: canonicalize what arrived on one peer and use it
      const join = this.canon(ctx, collect);
      const use = this.call(ctx, { peer: join.peer, args: [varV(join.dst)] });
      node = seq(node, seq(join, use));
    }
    return pre ? seq(pre, node) : node;
  }

  /** A fold over a stream: (fold $s x (par|seq B (next x)) [last]). */
  streamFold(ctx, budget) {
    const r = this.rng;
    const peerStream = r.chance(0.35);
    const known = (peerStream ? this.peerStreams : [...this.streamNames, ...ctx.streams]).filter((s) => this.written.has(s) || ctx.streams.includes(s));
    let pre = null;
    let stream;
    if (known.length && r.chance(0.8)) stream = r.pick(known);
    else {
      // write it first (a fold over a stream needs an earlier write in the text)
      stream = peerStream ? this.peerStream(ctx) : this.stream(ctx);
      pre = { k: 'ap', arg: peerStream ? this.peerRef(ctx) : this.value(ctx), out: this.wrote(stream) };
    }
    const it = this.fresh('i');
    const inner = this.child(ctx, { inFold: ctx.inFold + 1, inStreamFold: ctx.inStreamFold + 1, iterated: [...ctx.iterated, stream] });
    inner.iters.push({ name: it, kind: peerStream ? 'peer' : 'any' });
    const body = this.iterationBody(inner, it, budget - 2);
    const fold = { k: 'fold', iter: stream, it, body, last: this.last(inner) };
    return pre ? (r.chance(0.5) ? seq(pre, fold) : par(pre, fold)) : fold;
  }

  /** Two producers on different peers writing one stream, a consumer folding over it (E7). */
  producersConsumer(ctx, budget) {
    const r = this.rng;
    const stream = this.stream(ctx);
    const [pa, pb] = r.shuffle(this.peers);
    this.wrote(stream);
    const produce = (peer) =>
      r.chance(0.5)
        ? this.call(ctx, { peer: peerV(peer), fn: `str_${this.fresh('t')}`, out: stream, args: [] })
        : seq(this.call(ctx, { peer: peerV(peer), fn: `str_${this.fresh('t')}`, out: null }), { k: 'ap', arg: lit(`v${this.counter}`), out: stream });
    const it = this.fresh('i');
    const inner = this.child(ctx, { inFold: ctx.inFold + 1, inStreamFold: ctx.inStreamFold + 1, iterated: [...ctx.iterated, stream] });
    inner.iters.push({ name: it, kind: 'any' });
    const consumer = r.pick(this.peers);
    const use = this.call(inner, { peer: peerV(consumer), fn: `str_${this.fresh('t')}`, args: [varV(it)], out: r.chance(0.5) ? null : this.stream(inner) });
    const body = budget > 6 && r.chance(0.4) ? seq(use, this.instr(inner, budget - 6)) : use;
    const fold = { k: 'fold', iter: stream, it, body: r.chance(0.6) ? par(body, { k: 'next', it }) : seq(body, { k: 'next', it }), last: this.last(inner) };
    return par(par(produce(pa), produce(pb)), fold);
  }

  /** A fold over a canon stream (or a scalar fold over [] sometimes). */
  canonFold(ctx, budget) {
    const r = this.rng;
    const join = this.canon(ctx);
    const it = this.fresh('i');
    const inner = this.child(ctx, { inFold: ctx.inFold + 1 });
    inner.iters.push({ name: it, kind: this.peerStreams.includes(join.src) ? 'peer' : 'any' });
    const body = r.chance(0.8) ? this.iterationBody(inner, it, budget - 3) : seq({ k: 'next', it }, this.instr(inner, budget - 3));
    return seq(join, { k: 'fold', iter: varV(join.dst), it, body, last: this.last(inner) });
  }

  /** A relay hop: (seq (call R …) (seq (call T … [x]) (call R … [y]))). */
  relay(ctx, budget) {
    const r = this.rng;
    const [relay, target] = r.shuffle(this.peers);
    const a = this.call(ctx, { peer: peerV(relay), fn: `str_${this.fresh('t')}`, out: this.fresh('x') });
    const b = this.call(ctx, { peer: r.chance(0.7) ? peerV(target) : this.peerRef(ctx), args: [varV(a.out)] });
    const rest = budget > 4 ? this.instr(ctx, budget - 3) : this.call(ctx, { peer: peerV(relay) });
    return seq(a, seq(b, rest));
  }

  matchNode(ctx, budget) {
    const r = this.rng;
    const a = this.value(ctx);
    const b = r.chance(0.5) ? this.value(ctx) : a;
    const [x, y] = this.split(budget);
    const body = this.instr(this.child(ctx), x);
    const node = { k: r.chance(0.7) ? 'match' : 'mismatch', a, b, body };
    return r.chance(0.8) ? xor(node, this.instr(ctx, y)) : node;
  }

  newNode(ctx, budget) {
    const r = this.rng;
    const name = r.pick(this.streamNames);
    const inner = this.child(ctx);
    inner.streams.push(name);
    const body = this.instr(inner, budget - 1);
    // what the restricted stream collected, canonicalized inside the scope
    const tail = r.chance(0.5) ? seq(body, seq(this.canon(inner, name), this.call(inner, { args: [varV(inner.canons[inner.canons.length - 1].name)] }))) : body;
    return { k: 'new', name, body: tail };
  }

  /** An xor error handler: (xor BODY (call INIT (s str) [%last_error% or :error:.$.message])). */
  handler(ctx, budget) {
    const r = this.rng;
    const body = r.chance(0.4) ? seq(this.instr(ctx, budget - 2), this.call(ctx, { fn: `fail_${r.int(1, 9)}` })) : this.instr(ctx, budget - 1);
    const err = r.weighted([
      [2, () => ({ v: 'last_error' })],
      [1, () => ({ v: 'last_error', lens: '.$.message' })],
      [2, () => ({ v: 'error', lens: '.$.error_code' })],
      [1, () => ({ v: 'error' })],
    ])();
    const report = this.call(ctx, { peer: r.chance(0.6) ? { v: 'init' } : this.peerRef(ctx), fn: `str_${this.fresh('err')}`, args: [err], out: null });
    let handler = r.chance(0.3) ? seq(report, { k: 'fail', code: r.int(1, 9), msg: 'rethrown' }) : report;
    if (r.chance(0.3)) {
      // the Aqua if/else on the caught error's code (the corpus shape of tests/diff quirk-stale-error-*)
      const code = { v: 'error', lens: '.$.error_code' };
      const branch = { k: 'match', a: code, b: { v: 'num', n: r.pick([10000, 10001]) }, body: this.call(ctx, { fn: `str_${this.fresh('else')}`, out: null }) };
      handler = xor(branch, handler);
    }
    return xor(body, handler);
  }

  /** A bounded recursive stream (E8): the body feeds the iterated stream until a service says stop. */
  recursive(ctx, budget) {
    const r = this.rng;
    const stream = this.stream(ctx);
    const it = this.fresh('i');
    const y = this.fresh('x');
    const worker = this.peerRef(ctx);
    const inner = this.child(ctx, { inFold: ctx.inFold + 1, inStreamFold: ctx.inStreamFold + 1, iterated: [...ctx.iterated, stream] });
    inner.iters.push({ name: it, kind: 'any' });
    const step = seq(
      { k: 'call', peer: worker, fn: `more_${r.int(1, 3)}`, args: [varV(it)], out: y },
      xor({ k: 'match', a: varV(y), b: lit('stop'), body: NULL }, { k: 'ap', arg: varV(y), out: stream }),
    );
    inner.scalars.push({ name: y, kind: 'str' });
    const body = budget > 5 && r.chance(0.3) ? seq(step, this.instr(inner, budget - 5)) : step;
    this.wrote(stream);
    const seedValues = seq({ k: 'ap', arg: lit('r'), out: stream }, r.chance(0.5) ? { k: 'ap', arg: lit('q'), out: stream } : NULL);
    const fold = { k: 'fold', iter: stream, it, body: r.chance(0.5) ? seq(body, { k: 'next', it }) : par(body, { k: 'next', it }), last: this.last(inner) };
    return seq(seedValues, fold);
  }

  /** Stream map writes with literal keys, a canon map (or the scalar form) and a use of it. */
  streamMap(ctx, budget) {
    const r = this.rng;
    const map = this.wrote(r.pick(['%m1', '%m2']));
    const write = () => ({ k: 'apmap', key: r.chance(0.7) ? lit(r.pick(['k', 'j'])) : { v: 'num', n: r.int(0, 2) }, value: this.value(ctx), map });
    let writes = write();
    for (let i = r.int(0, 2); i > 0; i--) writes = r.chance(0.5) ? seq(writes, write()) : par(writes, write());
    const peer = this.peerRef(ctx);
    let use;
    const form = r.int(0, 2);
    if (form === 0) {
      const dst = `#%c${++this.counter}`;
      use = seq({ k: 'canon', peer, src: map, dst }, this.call(ctx, { args: [varV(dst, '.$.k')] }));
    } else if (form === 1) {
      const dst = this.fresh('x');
      use = seq({ k: 'canon', peer, src: map, dst }, this.call(ctx, { args: [varV(dst)] }));
      ctx.scalars.push({ name: dst, kind: 'any' });
    } else {
      const it = this.fresh('i');
      const inner = this.child(ctx, { inFold: ctx.inFold + 1, inStreamFold: ctx.inStreamFold + 1, iterated: [...ctx.iterated, map] });
      inner.iters.push({ name: it, kind: 'any' });
      const c = this.call(inner, { args: [varV(it, '.$.value')] });
      use = { k: 'fold', iter: map, it, body: r.chance(0.5) ? par(c, { k: 'next', it }) : seq(c, { k: 'next', it }), last: this.last(inner) };
    }
    const rest = budget > 6 ? this.instr(ctx, budget - 6) : null;
    const main = r.chance(0.5) ? seq(writes, use) : par(writes, use);
    return rest ? seq(main, rest) : main;
  }
}

// ---------------------------------------------------------------------------------------------
// Features (shapes) of a script

/**
 * Which shapes a script has, for the known violations of execution.md 5.4:
 *   failInStreamFold  a failing service call inside the body of a fold over a stream (5.4-8)
 *   recursiveStream   a fold over a stream whose body writes that stream (5.4-10)
 *   orderDependentFold  a fold over a stream inside the body of a fold over a stream, over a
 *                     stream that body writes: what the inner fold sees depends on the outer
 *                     fold's iteration order, which is per peer (4.5)
 *   errorVars         %last_error% or :error: read somewhere
 *   streamFold, canon, streamMap, fail
 */
export function features(ast) {
  const f = { failInStreamFold: false, recursiveStream: false, errorVars: false, streamFold: false, canon: false, streamMap: false, failingCall: false };
  const valueUses = (v) => {
    if (v.v === 'last_error' || v.v === 'error') f.errorVars = true;
  };
  const walk = (node, streamFolds) => {
    switch (node.k) {
      case 'call':
        [node.peer, ...node.args].forEach(valueUses);
        if (node.fn.startsWith('fail_')) {
          f.failingCall = true;
          if (streamFolds.length) f.failInStreamFold = true;
        }
        if (node.out && streamFolds.includes(node.out)) f.recursiveStream = true;
        break;
      case 'ap':
        valueUses(node.arg);
        if (streamFolds.includes(node.out)) f.recursiveStream = true;
        break;
      case 'apmap':
        f.streamMap = true;
        valueUses(node.key);
        valueUses(node.value);
        if (streamFolds.includes(node.map)) f.recursiveStream = true;
        break;
      case 'canon':
        f.canon = true;
        valueUses(node.peer);
        break;
      case 'match':
      case 'mismatch':
        valueUses(node.a);
        valueUses(node.b);
        walk(node.body, streamFolds);
        break;
      case 'fold':
        if (typeof node.iter === 'string') {
          f.streamFold = true;
          walk(node.body, [...streamFolds, node.iter]);
          if (node.last) walk(node.last, [...streamFolds, node.iter]);
        } else {
          valueUses(node.iter);
          walk(node.body, streamFolds);
          if (node.last) walk(node.last, streamFolds);
        }
        break;
      default:
        for (const c of children(node)) walk(c, streamFolds);
    }
  };
  walk(ast, []);
  // a fold over a stream inside a stream fold's body, over a stream that body writes
  const written = (node, out) => {
    if (node.k === 'call' && node.out?.startsWith('$')) out.add(node.out);
    if (node.k === 'ap' && node.out.startsWith('$')) out.add(node.out);
    if (node.k === 'apmap') out.add(node.map);
    for (const c of children(node)) written(c, out);
    return out;
  };
  const folded = (node, out) => {
    if (node.k === 'fold' && typeof node.iter === 'string') out.add(node.iter);
    for (const c of children(node)) folded(c, out);
    return out;
  };
  const orderDependent = (node) => {
    if (node.k === 'fold' && typeof node.iter === 'string') {
      const inner = children(node);
      const w = new Set();
      const r = new Set();
      for (const c of inner) {
        written(c, w);
        folded(c, r);
      }
      if ([...r].some((x) => w.has(x))) return true;
    }
    return children(node).some(orderDependent);
  };
  f.orderDependentFold = orderDependent(ast);
  return f;
}
