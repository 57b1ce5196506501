import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CompileError, compile } from '@capnp-kit/compiler';
import { encodeRequest } from '@capnp-kit/compiler/schema';

/**
 * The ES module a `.capnp` file becomes under `--import @capnp-kit/runtime/register`: the
 * schema is compiled when the module is loaded, and the module embeds the compiled request and
 * hands it to `loadCompiled` of this runtime.
 */

/**
 * The runtime's Node entry, imported by absolute URL so that a schema anywhere on disk (outside
 * any package depending on the runtime) loads into the same runtime instance as the app's own
 * `import '@capnp-kit/runtime'`.
 */
const RUNTIME_URL = new URL('../index.js', import.meta.url).href;

/** True if `url` names a `.capnp` file (`file:` URL; query and fragment ignored). */
export function isCapnpUrl(url: string): boolean {
  if (!url.startsWith('file:')) return false;
  return new URL(url).pathname.endsWith('.capnp');
}

function readFromDisk(path: string): Uint8Array | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path) : undefined;
  } catch {
    return undefined;
  }
}

/** Generated names of the bindings the named exports are made from (names are not trusted). */
function binding(index: number): string {
  return `$${index}`;
}

/**
 * Compiles the schema at `url` as `capnp compile` would (imports relative to the file, `/…` in
 * /usr/local/include, /usr/include, then the bundled standard schemas) and returns the source of
 * its module: the default export is the module object of `loadCompiled`, and each top-level
 * declaration is also a named export (except one named `default`, which would clash). Throws a
 * CompileError, whose message is the reference's `file:line:col: error: …` lines, if the schema
 * has errors.
 */
export function capnpModuleSource(url: string, runtimeUrl: string = RUNTIME_URL): string {
  const path = fileURLToPath(url);
  const result = compile({ files: [path], cwd: process.cwd(), readFile: readFromDisk });
  if (result.request === undefined) throw new CompileError(result.diagnostics);
  const request = result.request;
  const fileId = request.requestedFiles[0]?.id;
  const file = request.nodes.find((node) => node.id === fileId);
  const names = (file?.nestedNodes ?? []).map((n) => n.name).filter((n) => n !== 'default');
  const base64 = Buffer.from(encodeRequest(request)).toString('base64');
  const lines = [
    "// A Cap'n Proto schema, compiled by @capnp-kit/runtime/register.",
    `import { loadCompiled } from ${JSON.stringify(runtimeUrl)};`,
    `const schema = loadCompiled(Buffer.from(${JSON.stringify(base64)}, 'base64'));`,
    'export default schema;',
    ...names.map((name, i) => `const ${binding(i)} = schema[${JSON.stringify(name)}];`),
  ];
  // Cap'n Proto names are identifiers ([A-Za-z][A-Za-z0-9]*), valid as export names (reserved
  // words included); quoting them keeps that true for any name.
  if (names.length > 0) {
    const specifiers = names.map((name, i) => `${binding(i)} as ${JSON.stringify(name)}`);
    lines.push(`export { ${specifiers.join(', ')} };`);
  }
  return `${lines.join('\n')}\n`;
}
