import { CompileError, type CompileOptions, compile } from '@capnp-kit/compiler';
import { loadCompiled } from './load-compiled.js';
import type { LoadedModule } from './module-object.js';

/** Options of {@link loadSource} (the compiler's, minus how files are read). */
export type LoadSourceOptions = Partial<
  Pick<CompileOptions, 'importPaths' | 'bundledStandardSchemas'>
>;

/**
 * Compiles and loads schemas given as text, by path (`{ 'addressbook.capnp': '…' }`), with no
 * file system: works in browsers. `/capnp/*.capnp` imports use the bundled standard schemas.
 * Throws a CompileError carrying every diagnostic if the schema has errors.
 */
export function loadSource(
  files: Readonly<Record<string, string>>,
  entry: string,
  options: LoadSourceOptions = {},
): LoadedModule {
  const byPath = new Map<string, string>();
  for (const [name, text] of Object.entries(files))
    byPath.set(name.startsWith('/') ? name : `/${name}`, text);
  const result = compile({
    files: [entry],
    cwd: '/',
    readFile: (path) => byPath.get(path),
    importPaths: options.importPaths ?? [],
    standardImportPaths: false,
    bundledStandardSchemas: options.bundledStandardSchemas ?? true,
  });
  if (result.request === undefined) throw new CompileError(result.diagnostics);
  return loadCompiled(result.request);
}

/** @internal Re-exported for tests that reach the shared registry. */
export { runtimeState } from './load-compiled.js';
