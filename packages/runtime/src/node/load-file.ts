import { CompileError, compile } from '@capnp-kit/compiler';
import { loadCompiled } from '../load-compiled.js';
import type { LoadedModule } from '../module-object.js';
import { readFromDisk } from './read-from-disk.js';

/** Options of {@link load}. */
export interface LoadOptions {
  /** Directories searched for `/…` imports before the standard ones (`-I`). */
  readonly importPaths?: readonly string[];
}

/**
 * Compiles and loads a schema file (pycapnp's `capnp.load`): synchronous, resolving imports as
 * `capnp compile` does (relative to the file; `/…` in `importPaths`, /usr/local/include,
 * /usr/include, then the bundled standard schemas). Throws a CompileError on schema errors.
 */
export function load(path: string, options: LoadOptions = {}): LoadedModule {
  const result = compile({
    files: [path],
    cwd: process.cwd(),
    readFile: readFromDisk,
    importPaths: options.importPaths ?? [],
  });
  if (result.request === undefined) throw new CompileError(result.diagnostics);
  return loadCompiled(result.request);
}
