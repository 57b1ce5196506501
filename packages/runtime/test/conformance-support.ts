import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '@capnp-kit/compiler';
import * as capnp from '@capnp-kit/runtime';

/**
 * Shared by the conformance tests: the conformance schemas, the reference outputs made by
 * scripts/make-conformance-goldens.mjs (committed, so the tests run without `capnp`), and the
 * live reference when it is installed (always under CI).
 */

// biome-ignore lint/suspicious/noExplicitAny: loaded types are dynamic
export type Any = any;

export const fixtures = join(import.meta.dirname, 'fixtures/conformance');
export const golden = join(fixtures, 'golden');

/** conformance.capnp, loaded from disk like an application would. */
export const conformance: Any = capnp.load(join(fixtures, 'conformance.capnp'));

/** One message of cases/: its golden files are `${base}.<form>`. */
export interface ConformanceCase {
  readonly type: string;
  readonly name: string;
  readonly base: string;
  readonly input: string;
}

/** The messages in `casesDir` (`<Type>/<name>.txt`), goldens under `goldenDir`. */
export function casesOf(casesDir: string, goldenDir: string): ConformanceCase[] {
  const out: ConformanceCase[] = [];
  for (const type of readdirSync(casesDir).sort()) {
    for (const file of readdirSync(join(casesDir, type)).sort()) {
      if (!file.endsWith('.txt')) continue;
      const name = file.slice(0, -4);
      out.push({
        type,
        name,
        base: join(goldenDir, type, name),
        input: join(casesDir, type, file),
      });
    }
  }
  return out;
}

/** Every message of conformance.capnp in cases/. */
export const cases = casesOf(join(fixtures, 'cases'), golden);

/** A golden file's bytes. */
export function bytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

/** A golden file's text. */
export function text(path: string): string {
  return readFileSync(path, 'utf8');
}

/** The segment sizes the goldens were made with (`--segment-size=N`). */
export const SEGMENT_SIZES = [1, 2, 3, 8] as const;

/**
 * A value in the shape `capnp convert binary:json` writes: the runtime's
 * `toObject({ int64: 'string', data: 'array' })` with non-finite floats as the strings the
 * reference writes for them. Applied to our output only, so the reference's JSON is compared
 * as JSON.parse gives it.
 */
export function jsonShape(v: unknown): unknown {
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    if (v === Number.POSITIVE_INFINITY) return 'Infinity';
    if (v === Number.NEGATIVE_INFINITY) return '-Infinity';
    return v;
  }
  if (Array.isArray(v)) return v.map(jsonShape);
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = jsonShape(x);
    return out;
  }
  return v;
}

/** A struct as `capnp convert binary:json` would show it (see {@link jsonShape}). */
export function asJson(struct: Any): unknown {
  return jsonShape(struct.toObject({ int64: 'string', data: 'array' }));
}

let oracle: boolean | undefined;

/**
 * Whether the live reference `capnp` 0.9.2 is installed. Under CI it must be: a missing oracle
 * throws there (failing the tests that need it) instead of skipping them.
 */
export function liveCapnp(): boolean {
  if (oracle === undefined) {
    oracle = existsSync('/usr/bin/capnp');
    if (oracle) {
      const version = execFileSync('capnp', ['--version'], { encoding: 'utf8' }).trim();
      if (version !== "Cap'n Proto version 0.9.2") {
        throw new Error(`The conformance oracle must be capnp 0.9.2, found: ${version}`);
      }
    }
  }
  if (!oracle && process.env.CI) {
    throw new Error('CI must install the reference `capnp` 0.9.2 at /usr/bin/capnp.');
  }
  return oracle;
}

/** Runs the reference `capnp` in the fixtures directory with `input` on stdin. */
export function runCapnp(args: readonly string[], input: Uint8Array): Uint8Array {
  return new Uint8Array(
    execFileSync('capnp', args, {
      cwd: fixtures,
      input,
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['pipe', 'pipe', 'pipe'],
    }),
  );
}

/** The UTF-8 text of bytes. */
export function decode(b: Uint8Array): string {
  return new TextDecoder().decode(b);
}

/** Concatenates byte arrays. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Bytes from little-endian u32 pairs, one pair per word. */
export function words(...pairs: [number, number][]): Uint8Array {
  const out = new Uint8Array(pairs.length * 8);
  const view = new DataView(out.buffer);
  pairs.forEach(([lo, hi], i) => {
    view.setUint32(i * 8, lo >>> 0, true);
    view.setUint32(i * 8 + 4, hi >>> 0, true);
  });
  return out;
}

/**
 * The schema nodes of the fixtures' schemas, by ID, compiled here (with the compiler's public
 * API) so that the tests' helpers know field types without the runtime's internals.
 */
const nodes = new Map<bigint, Any>();
for (const file of [
  'conformance.capnp',
  'interop.capnp',
  'evolution/v1.capnp',
  'evolution/v2.capnp',
]) {
  const result = compile({
    files: [file],
    cwd: fixtures,
    readFile: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined),
    standardImportPaths: false,
  });
  for (const node of result.request?.nodes ?? []) nodes.set(node.id, node);
}

/** The schema node with `id`, of one of the fixtures' schemas. */
export function schemaNode(id: bigint): Any {
  const node = nodes.get(id);
  if (node === undefined) throw new Error(`no fixture schema node @0x${id.toString(16)}`);
  return node;
}

/** The fields of struct (or group) node `id`. */
export function fieldsOf(id: bigint): Any[] {
  return schemaNode(id).struct.fields ?? [];
}
