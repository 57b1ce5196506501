import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileSchema, type SchemaLocation, schemaModule } from '../module-source.js';
import { readFromDisk } from './read-from-disk.js';

/**
 * The ES module a `.capnp` file becomes under `--import @capnp-kit/runtime/register`, one per
 * schema file (see ../module-source.ts): compiled when Node loads it, importing the modules of
 * the schemas it imports by URL, and the standard schemas bundled with the compiler (when the
 * import path has no copy) by `capnp-kit-std:` URLs.
 */

/**
 * The runtime's Node entry, imported by absolute URL so that a schema anywhere on disk (outside
 * any package depending on the runtime) loads into the same runtime instance as the app's own
 * `import '@capnp-kit/runtime'`.
 */
const RUNTIME_URL = new URL('../index.js', import.meta.url).href;

/** URL scheme of the bundled standard schemas: `capnp-kit-std:capnp/c++.capnp`. */
export const BUNDLED_SCHEME = 'capnp-kit-std:';

/** True if `url` names a schema: a `.capnp` file (query and fragment ignored) or a bundled one. */
export function isCapnpUrl(url: string): boolean {
  if (url.startsWith(BUNDLED_SCHEME)) return true;
  if (!url.startsWith('file:')) return false;
  return new URL(url).pathname.endsWith('.capnp');
}

function locationOf(url: string): SchemaLocation {
  if (url.startsWith(BUNDLED_SCHEME))
    return { kind: 'bundled', name: url.slice(BUNDLED_SCHEME.length) };
  return { kind: 'file', path: fileURLToPath(url) };
}

function urlOf(location: SchemaLocation): string {
  return location.kind === 'file'
    ? pathToFileURL(location.path).href
    : `${BUNDLED_SCHEME}${location.name}`;
}

/**
 * Compiles the schema at `url` as `capnp compile` would (imports relative to the file, `/…` in
 * /usr/local/include, /usr/include, then the bundled standard schemas; names relative to the
 * working directory) and returns the source of its module. Throws a CompileError, whose message
 * is the reference's `file:line:col: error: …` lines, if the schema has errors.
 */
export function capnpModuleSource(url: string, runtimeUrl: string = RUNTIME_URL): string {
  const result = compileSchema(locationOf(url), { readFile: readFromDisk, cwd: process.cwd() });
  if (!result.ok) throw result.error;
  return schemaModule(result.schema, {
    runtime: runtimeUrl,
    importOf: urlOf,
    header: "A Cap'n Proto schema, compiled by @capnp-kit/runtime/register.",
  });
}
