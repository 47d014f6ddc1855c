// Node's built-in modules, imported only when running in Node. The specifier is computed at run
// time (not a constant a bundler could fold), so bundlers building for browsers neither resolve
// nor bundle nor warn about it (Vite's dev-server pre-bundling folds constant specifiers).

export const isNode = (): boolean => {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
};

/** import('node:' + name), in Node only. */
export function importNodeBuiltin<T>(name: string): Promise<T> {
  if (!isNode()) return Promise.reject(new Error(`airvm: node:${name} is only there in Node`));
  const specifier = `${isNode() ? 'node:' : ''}${name}`;
  return import(/* @vite-ignore */ /* webpackIgnore: true */ specifier) as Promise<T>;
}
