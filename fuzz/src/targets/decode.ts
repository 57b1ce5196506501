import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReaderOptions, StructReaderBase } from '@capnp-kit/runtime';
import { segmentTableBytes } from '@capnp-kit/wire';
import { concat } from '../engine/mutate-bytes.js';
import { Rng } from '../engine/rng.js';
import type { Meter, Target } from '../engine/target.js';
import { ANY_WIRE_CODE, judgeTypedError } from '../engine/typed-errors.js';
import { mutateMessage } from './message-mutator.js';
import { packedWords } from './packed-words.js';
import { readAll } from './read-all.js';
import { sampleMessage } from './sample-values.js';
import { messageTypes, REPO, typeIndex } from './schemas.js';

/**
 * Message decoding through the typed runtime, reading every field and every output form.
 *
 * Input: `[type, mode, limits, ...payload]`. `type` indexes {@link messageTypes} (modulo);
 * `mode` picks the entry point (modulo 5): `fromBytes`, `fromBytesPacked`, `fromSegments`
 * (the payload's frame split leniently, so segments may be cut short), `readMultipleBytes`,
 * `readMultipleBytesPacked`. `limits` picks the ReaderOptions: bits 0–1 the traversal limit
 * (default 8 Mi words, 64 Ki, 1 Ki, 16), bits 2–3 the nesting limit (default 64, 16, 4, 1).
 */

const MODES = ['flat', 'packed', 'segments', 'multiple', 'multiple-packed'] as const;
type Mode = (typeof MODES)[number];
const TRAVERSAL = [8 * 1024 * 1024, 64 * 1024, 1024, 16];
const NESTING = [64, 16, 4, 1];
/** Limits byte of most seeds: 64 Ki words keeps the worst inputs fast; defaults get a share. */
const FAST_LIMITS = 1;

function header(input: Uint8Array) {
  const types = messageTypes();
  const t = types[(input[0] ?? 0) % types.length] as (typeof types)[number];
  const mode = MODES[(input[1] ?? 0) % MODES.length] as Mode;
  const limits = input[2] ?? 0;
  const options: ReaderOptions = {
    traversalLimitInWords: TRAVERSAL[limits & 3] as number,
    nestingLimit: NESTING[(limits >> 2) & 3] as number,
  };
  return { t, mode, options, payload: input.subarray(3) };
}

/** Splits a frame into segments without validating it (segments may be short or ragged). */
function looseSegments(payload: Uint8Array): Uint8Array[] {
  if (payload.length < 4) return [payload];
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const count = (view.getUint32(0, true) & 63) + 1;
  let at = Math.min(segmentTableBytes(count), payload.length);
  const segments: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const words = 4 + i * 4 + 4 <= payload.length ? view.getUint32(4 + i * 4, true) : 0;
    const end = Math.min(at + words * 8, payload.length);
    segments.push(payload.subarray(at, end));
    at = end;
  }
  return segments;
}

function encode(typeName: string, mode: Mode, limits: number, payload: Uint8Array): Uint8Array {
  return concat(Uint8Array.of(typeIndex(typeName), MODES.indexOf(mode), limits), payload);
}

/** Reads one message fully, charging what it dereferenced to the meter even if it throws. */
function readMessage(
  r: StructReaderBase,
  schema: Parameters<typeof readAll>[1],
  options: ReaderOptions,
  meter: Meter,
): unknown {
  try {
    return readAll(r, schema, meter);
  } finally {
    // Words charged to the traversal limit: the work the limit let this message cause. (An
    // empty message reads as the default struct, whose reader has no limit and no charges.)
    const left = (r as unknown as { _message: { traversalLeft: number } })._message.traversalLeft;
    if (Number.isFinite(left)) meter.cost += 8 * (options.traversalLimitInWords - left);
  }
}

function goldenSeeds(out: Uint8Array[]): void {
  const seedsOf = (dir: string, typeName: string) => {
    for (const file of readdirSync(dir).sort()) {
      const bytes = new Uint8Array(readFileSync(join(dir, file)));
      if (file.includes('flat') || file.includes('canonical')) continue;
      if (file.endsWith('.packed')) {
        out.push(encode(typeName, 'packed', FAST_LIMITS, bytes));
        out.push(encode(typeName, 'multiple-packed', 0, bytes));
      } else if (file.endsWith('.bin')) {
        out.push(
          encode(typeName, /\.seg\d\./.test(file) ? 'segments' : 'flat', FAST_LIMITS, bytes),
        );
        out.push(encode(typeName, 'multiple', 0, bytes));
      }
    }
  };
  const conformance = join(REPO, 'packages/runtime/test/fixtures/conformance/golden');
  for (const type of readdirSync(conformance, { withFileTypes: true })) {
    if (type.isDirectory() && type.name !== 'evolution') {
      seedsOf(join(conformance, type.name), `conformance.capnp:${type.name}`);
    }
  }
  const textJson = join(REPO, 'packages/runtime/test/fixtures/text-json/golden');
  for (const schema of ['all-types', 'json-annotations']) {
    for (const type of readdirSync(join(textJson, schema)).sort()) {
      seedsOf(join(textJson, schema, type), `${schema}.capnp:${type}`);
    }
  }
}

/** Two sampled messages of every type, flat, packed, in small segments and back to back. */
function sampledSeeds(out: Uint8Array[]): void {
  const rng = new Rng(1);
  for (const { name, type } of messageTypes()) {
    for (let k = 0; k < 2; k++) {
      const b = sampleMessage(type, rng);
      const small = sampleMessage(type, rng, { firstSegmentWords: 1 + k });
      out.push(encode(name, 'flat', k === 0 ? FAST_LIMITS : 0, b.toBytes()));
      out.push(encode(name, 'packed', FAST_LIMITS, b.toBytesPacked()));
      out.push(encode(name, 'segments', FAST_LIMITS | (k << 2), small.toBytes()));
      out.push(encode(name, 'flat', FAST_LIMITS, small.toBytes()));
      out.push(encode(name, 'multiple', FAST_LIMITS, concat(b.toBytes(), small.toBytes())));
      out.push(encode(name, 'multiple-packed', FAST_LIMITS, small.toBytesPacked()));
    }
  }
}

const DICTIONARY = [
  // Far pointer, capability pointer, list pointers of each size, a composite tag.
  [2, 0, 0, 0, 1, 0, 0, 0],
  [3, 0, 0, 0, 0, 0, 0, 0],
  [1, 0, 0, 0, 0xf8, 0xff, 0xff, 0xff],
  [1, 0, 0, 0, 0x07, 0, 0, 0],
  [0, 0, 0, 0, 0, 0, 0, 0],
  [0xfc, 0xff, 0xff, 0xff, 0, 0, 1, 0],
  [0xff, 0xff, 0xff, 0xff],
].map((b) => Uint8Array.from(b));

export const decodeTarget: Target = {
  name: 'decode',
  about:
    'messages of 62 struct types read through fromBytes / fromBytesPacked / fromSegments / readMultipleBytes(Packed), every field and output form',
  maxInputBytes: 64 * 1024,
  headerBytes: 3,
  slowMs: 5000,
  seeds() {
    const out: Uint8Array[] = [];
    goldenSeeds(out);
    sampledSeeds(out);
    return out;
  },
  dictionary: () => DICTIONARY,
  mutate(input, rng) {
    const { mode } = header(input);
    const packed = mode === 'packed' || mode === 'multiple-packed';
    const payload = mutateMessage(input.subarray(3), packed, rng, this.maxInputBytes);
    if (payload === undefined) return undefined;
    const head = input.slice(0, 3);
    if (rng.oneIn(12)) head[rng.below(3)] = rng.below(256);
    return concat(head, payload);
  },
  run(input, meter) {
    const { t, mode, options, payload } = header(input);
    const T = t.type;
    const schema = T.schema;
    switch (mode) {
      case 'flat':
        return readMessage(T.fromBytes(payload, options), schema, options, meter);
      case 'packed':
        meter.cost += 8 * packedWords(payload);
        return readMessage(T.fromBytesPacked(payload, options), schema, options, meter);
      case 'segments':
        return readMessage(T.fromSegments(looseSegments(payload), options), schema, options, meter);
      case 'multiple':
      case 'multiple-packed': {
        if (mode === 'multiple-packed') meter.cost += 8 * packedWords(payload);
        const outputs: unknown[] = [];
        const readers =
          mode === 'multiple'
            ? T.readMultipleBytes(payload, options)
            : T.readMultipleBytesPacked(payload, options);
        for (const r of readers) outputs.push(readMessage(r, schema, options, meter));
        return outputs;
      }
    }
  },
  judge: (error) =>
    judgeTypedError(error, {
      wire: ANY_WIRE_CODE,
      // Reading never misuses the API, so no CapnpError is expected.
      capnp: new Set(),
    }),
  describe(input) {
    const { t, mode, options, payload } = header(input);
    const hex = Buffer.from(payload.subarray(0, 256)).toString('hex');
    return `${t.name} via ${mode}, traversalLimitInWords ${options.traversalLimitInWords}, nestingLimit ${options.nestingLimit}; payload ${payload.length} bytes: ${hex}${payload.length > 256 ? '…' : ''}`;
  },
};
