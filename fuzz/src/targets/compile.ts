import { readdirSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { compile, decodeRequest, encodeRequest, formatDiagnostic } from '@capnp-kit/compiler';
import type { Rng } from '../engine/rng.js';
import { InvariantViolation, type Target } from '../engine/target.js';
import { DIAGNOSTIC_CODES, describeError } from '../engine/typed-errors.js';
import { mutateSchemaLines } from './schema-line-mutator.js';
import { REPO } from './schemas.js';
import { mutateTokens, randomToken } from './token-mutator.js';

/**
 * The schema compiler, `compile()` of @capnp-kit/compiler. Input: the bytes of one schema file,
 * compiled as `/corpus/fuzz.capnp` next to the compiler's test corpus (so its imports and
 * embeds resolve, and it may import itself) with the bundled standard schemas.
 *
 * The compiler must never throw: every input gets a result, which has a request exactly when it
 * has no diagnostics; each diagnostic has a documented code, a range inside its file and
 * formats in the reference's `file:LINE:COL-COL: error:` form; and a request survives
 * `decodeRequest(encodeRequest(r))` unchanged.
 */

const CORPUS = `${REPO}/packages/compiler/test/corpus`;
const ENTRY = '/corpus/fuzz.capnp';

let files: Map<string, Uint8Array> | undefined;

/** The corpus directory as the compiler sees it: `/corpus/…` (bytes, read once). */
function corpusFiles(): Map<string, Uint8Array> {
  if (files !== undefined) return files;
  files = new Map();
  const add = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) add(`${dir}/${entry.name}`, `${prefix}${entry.name}/`);
      else
        files?.set(`${prefix}${entry.name}`, new Uint8Array(readFileSync(`${dir}/${entry.name}`)));
    }
  };
  add(CORPUS, '/corpus/');
  return files;
}

const KEYWORDS = [
  'struct',
  'enum',
  'interface',
  'union',
  'group',
  'using',
  'import',
  'embed',
  'const',
  'annotation',
  'extends',
  'stream',
  'List',
  'Text',
  'Data',
  'AnyPointer',
  'AnyStruct',
  'AnyList',
  'Capability',
  'Void',
  'Bool',
  'Int8',
  'Int16',
  'Int32',
  'Int64',
  'UInt8',
  'UInt16',
  'UInt32',
  'UInt64',
  'Float32',
  'Float64',
  'void',
  'true',
  'false',
  'inf',
  'nan',
  'file',
  'field',
  'param',
  'method',
  'enumerant',
  '*',
  '@0',
  '@1',
  '@2',
  '@65535',
  '@65536',
  '@0xdbb9ad1f14bf0b36',
  '@0x0',
  '$',
  '->',
  ':',
  ';',
  '=',
  '.',
  '"/capnp/c++.capnp"',
  '"lib/common.capnp"',
  '"fuzz.capnp"',
  '"data/bytes.bin"',
  'T',
  'Foo',
  'Bar',
];

/** A random token stream, usually after a valid file id. */
function tokenStream(rng: Rng): string {
  const tokens: string[] = rng.oneIn(4) ? [] : ['@0xdbb9ad1f14bf0b36;\n'];
  const n = 1 + rng.size(300);
  for (let i = 0; i < n; i++) {
    tokens.push(randomToken(rng, KEYWORDS), rng.pick([' ', '', '\n', ' ', '  ']));
  }
  return tokens.join('');
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

export const compileTarget: Target = {
  name: 'compile',
  about:
    'compile() on mutated corpus schemas, bad-schema fixtures and random token streams; results checked',
  maxInputBytes: 48 * 1024,
  headerBytes: 0,
  slowMs: 5000,
  seeds() {
    const out: Uint8Array[] = [];
    for (const [path, bytes] of corpusFiles()) if (path.endsWith('.capnp')) out.push(bytes);
    for (const dir of ['errors', 'parse-errors']) {
      const full = `${REPO}/packages/compiler/test/${dir}`;
      for (const f of readdirSync(full).sort()) {
        if (f.endsWith('.capnp')) out.push(new Uint8Array(readFileSync(`${full}/${f}`)));
      }
    }
    return out;
  },
  dictionary: () => KEYWORDS.map((k) => encoder.encode(k)),
  mutate(input, rng, corpus) {
    if (rng.oneIn(20)) return encoder.encode(tokenStream(rng));
    const text = decoder.decode(input);
    if (rng.oneIn(6) && corpus.length > 0) {
      // Crossover: lines of another schema inserted at a line boundary.
      const lines = text.split('\n');
      const other = decoder.decode(rng.pick(corpus)).split('\n');
      const from = rng.below(other.length);
      lines.splice(rng.below(lines.length + 1), 0, ...other.slice(from, from + 1 + rng.size(20)));
      return encoder.encode(lines.join('\n'));
    }
    if (rng.oneIn(2)) return encoder.encode(mutateSchemaLines(text, rng));
    return encoder.encode(mutateTokens(text, rng, KEYWORDS));
  },
  run(input, meter) {
    const corpus = corpusFiles();
    const result = compile({
      files: [ENTRY],
      cwd: '/corpus',
      readFile: (path) => (path === ENTRY ? input : corpus.get(path)),
      standardImportPaths: false,
    });
    if ((result.request === undefined) !== result.diagnostics.length > 0) {
      throw new InvariantViolation(
        `result: request ${result.request === undefined ? 'missing' : 'present'} with ${result.diagnostics.length} diagnostics`,
      );
    }
    for (const d of result.diagnostics) {
      if (!DIAGNOSTIC_CODES.has(d.code)) {
        throw new InvariantViolation(`diagnostic code: '${d.code}' is not documented`);
      }
      if (!(d.start >= 0 && d.start <= d.end && d.end <= d.file.text.length)) {
        throw new InvariantViolation(
          `diagnostic range: ${d.start}-${d.end} outside ${d.file.name} (${d.file.text.length} characters)`,
        );
      }
      const line = formatDiagnostic(d);
      if (!/^[^\n]+:\d+(:\d+(-\d+)?)?: error: /.test(line)) {
        throw new InvariantViolation(`diagnostic format: ${JSON.stringify(line.slice(0, 200))}`);
      }
    }
    meter.label =
      result.request === undefined ? `diagnostic:${result.diagnostics[0]?.code}` : 'compiled';
    if (result.request !== undefined) {
      const back = decodeRequest(encodeRequest(result.request));
      if (!isDeepStrictEqual(back, result.request)) {
        throw new InvariantViolation(
          'request encoding: decodeRequest(encodeRequest(r)) differs from r',
        );
      }
    }
    return result;
  },
  // compile() reports problems as diagnostics: nothing may be thrown.
  judge: (error) => `compile() threw ${describeError(error)}`,
  describe(input) {
    const text = decoder.decode(input.subarray(0, 600));
    return `${input.length} bytes of schema: ${JSON.stringify(text)}${input.length > 600 ? '…' : ''}`;
  },
};
