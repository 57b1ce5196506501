import type { CodeGeneratorRequest } from '@capnp-kit/compiler/schema';
import { CapnpError } from './errors.js';
import { feature } from './features.js';
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
 * Loads schemas from a compiled CodeGeneratorRequest, given as the schema model (what schema
 * modules of the bundler plugin and the Node loader pass) or as bytes (the output of
 * `capnp compile -o-`; decoding them needs the full entry, `@capnp-kit/runtime`, or
 * `decodeRequest` of `@capnp-kit/compiler/schema`). Returns the module object of one requested
 * file.
 */
export function loadCompiled(
  request: CodeGeneratorRequest | Uint8Array,
  options: LoadCompiledOptions = {},
): LoadedModule {
  const req = request instanceof Uint8Array ? feature('decodeRequest')(request) : request;
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

/** @internal The shared registry and type objects (for the Node loader and tests). */
export function runtimeState(): { registry: Registry; objects: TypeObjects } {
  return { registry, objects };
}
