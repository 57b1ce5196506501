/**
 * @capnp-kit/runtime for browsers: everything but `load(path)`, which needs a file system —
 * use `loadSource(files, entry)` or a precompiled schema (`loadCompiled`). No `node:*` imports.
 */
import { CapnpError } from './errors.js';

export * from './exports.js';

/** Not available in browsers: there is no file system. */
export function load(): never {
  throw new CapnpError(
    'schema',
    "load(path) needs Node's file system; in a browser use loadSource(files, entry) or loadCompiled(…).",
  );
}
