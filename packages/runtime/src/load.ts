import { CompileError, type CompileOptions, compile } from '@capnp-kit/compiler';
import { type CodeGeneratorRequest, decodeRequest } from '@capnp-kit/compiler/schema';
import { CapnpError } from './errors.js';
import { type LoadedModule, TypeObjects } from './module-object.js';
import { Registry } from './registry.js';

/** Every schema loaded in this JavaScript realm: one registry, so types are shared. */
const registry = new Registry();
const objects = new TypeObjects(registry);

/** Options of {@link loadCompiled}. */
export interface LoadCompiledOptions {
  /** Which requested file of the request to return (by `filename`; default: the first). */
  readonly file?: string;
}

/**
 * Loads schemas from a compiled CodeGeneratorRequest (what the bundler plugin embeds, or the
 * output of `capnp compile -o-`), given as bytes or as the schema model. Returns the module
 * object of one requested file.
 */
export function loadCompiled(
  request: CodeGeneratorRequest | Uint8Array,
  options: LoadCompiledOptions = {},
): LoadedModule {
  const req = request instanceof Uint8Array ? decodeRequest(request) : request;
  registry.add(req.nodes);
  const file =
    options.file === undefined
      ? req.requestedFiles[0]
      : req.requestedFiles.find((f) => f.filename === options.file);
  if (file === undefined) {
    throw new CapnpError(
      'schema',
      options.file === undefined
        ? 'The request names no file.'
        : `The request has no file '${options.file}'.`,
    );
  }
  return objects.file(file.id);
}

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

/** @internal The shared registry and type objects (for the Node loader and tests). */
export function runtimeState(): { registry: Registry; objects: TypeObjects } {
  return { registry, objects };
}
