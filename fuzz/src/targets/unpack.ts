import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMultipleSegments, readMultipleSegmentsPacked } from '@capnp-kit/runtime';
import {
  decodeFrame,
  decodeSegmentTable,
  pack,
  Unpacker,
  unpack,
  WireError,
} from '@capnp-kit/wire';
import { concat } from '../engine/mutate-bytes.js';
import type { Rng } from '../engine/rng.js';
import { InvariantViolation, type Meter, type Target } from '../engine/target.js';
import { judgeTypedError } from '../engine/typed-errors.js';
import { packedWords } from './packed-words.js';
import { REPO } from './schemas.js';

/**
 * Unpacking and stream framing, checked against each other.
 *
 * Input: `[mode, param, ...bytes]`, mode modulo 4:
 * - `unpack`: `unpack(bytes, maxWords)`; what it returns must be the size the bytes describe
 *   and survive `unpack(pack(x)) = x`;
 * - `unpacker`: `Unpacker.read` in steps of 1..8 words; every step that succeeds must equal
 *   the same bytes of a whole `unpack`;
 * - `stream-packed`: `readMultipleSegmentsPacked` over the bytes cut into chunks of `param`
 *   bytes, against an oracle doing the same reads with `Unpacker` (the first word, the rest of
 *   the segment table, the body): same messages, same segments, same error code;
 * - `stream-framed`: `readMultipleSegments` over chunks, against `decodeFrame` in a loop.
 * `param` bits 6–7 pick the limit (maxWords / traversalLimitInWords: 8 Mi, 64 Ki, 1 Ki, 16).
 */

const MODES = ['unpack', 'unpacker', 'stream-packed', 'stream-framed'] as const;
type Mode = (typeof MODES)[number];
const LIMITS = [8 * 1024 * 1024, 64 * 1024, 1024, 16];

function header(input: Uint8Array) {
  const mode = MODES[(input[0] ?? 0) % MODES.length] as Mode;
  const param = input[1] ?? 0;
  return {
    mode,
    chunk: 1 + (param & 63),
    limit: LIMITS[param >> 6] as number,
    bytes: input.subarray(2),
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The bytes as an async iterable of `size`-byte chunks (copies, as a socket would give). */
async function* chunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.slice(at, at + size);
}

/**
 * What reading messages gave: each message's segments, then the error code if it failed. Only
 * failing or not is compared: input broken in two ways may be reported for either (a stream
 * ending inside a lying segment table is `truncated` to the stream reader, which cannot see the
 * whole table, and `too-many-segments` to decodeFrame).
 */
interface Reading {
  readonly messages: Uint8Array[][];
  readonly error: string | undefined;
}

function codeOf(e: unknown): string {
  if (e instanceof WireError) return e.code;
  throw e;
}

/** The packed messages of `bytes`, read with Unpacker as the stream reader reads them. */
function oraclePacked(bytes: Uint8Array, limit: number): Reading {
  const messages: Uint8Array[][] = [];
  const unpacker = new Unpacker(bytes);
  try {
    while (!unpacker.done) {
      const first = unpacker.read(1);
      let table = decodeSegmentTable(first, limit);
      if (table === null) {
        const count = new DataView(first.buffer).getUint32(0, true) + 1;
        table = decodeSegmentTable(concat(first, unpacker.read(Math.floor(count / 2))), limit);
      }
      const sizes = (table as NonNullable<typeof table>).sizes;
      const body = unpacker.read(sizes.reduce((a, b) => a + b, 0));
      let at = 0;
      const segments: Uint8Array[] = [];
      for (const words of sizes) {
        segments.push(body.subarray(at, at + words * 8));
        at += words * 8;
      }
      messages.push(segments);
    }
    return { messages, error: undefined };
  } catch (e) {
    return { messages, error: codeOf(e) };
  }
}

/** The framed messages of `bytes`, read with decodeFrame. */
function oracleFramed(bytes: Uint8Array, limit: number): Reading {
  const messages: Uint8Array[][] = [];
  let at = 0;
  try {
    while (at < bytes.length) {
      const frame = decodeFrame(bytes, at, limit);
      messages.push(frame.segments);
      at += frame.byteLength;
    }
    return { messages, error: undefined };
  } catch (e) {
    return { messages, error: codeOf(e) };
  }
}

async function streamed(messages: AsyncIterable<Uint8Array[]>): Promise<Reading> {
  const out: Uint8Array[][] = [];
  try {
    for await (const segments of messages) out.push(segments);
    return { messages: out, error: undefined };
  } catch (e) {
    return { messages: out, error: codeOf(e) };
  }
}

function compare(what: string, got: Reading, want: Reading): void {
  const problem =
    got.messages.length !== want.messages.length
      ? `${got.messages.length} messages, the oracle ${want.messages.length}`
      : (got.error === undefined) !== (want.error === undefined)
        ? `error ${got.error ?? 'none'}, the oracle ${want.error ?? 'none'}`
        : got.messages.findIndex(
              (m, i) =>
                m.length !== want.messages[i]?.length ||
                m.some((s, k) => !sameBytes(s, want.messages[i]?.[k] as Uint8Array)),
            ) >= 0
          ? 'different segment bytes'
          : undefined;
  if (problem !== undefined) throw new InvariantViolation(`${what}: ${problem}.`);
}

async function run(input: Uint8Array, meter: Meter): Promise<unknown> {
  const { mode, chunk, limit, bytes } = header(input);
  switch (mode) {
    case 'unpack': {
      const out = unpack(bytes, limit);
      meter.cost += out.length;
      if (out.length !== packedWords(bytes) * 8) {
        throw new InvariantViolation(
          `unpack gave ${out.length} bytes; the input describes ${packedWords(bytes) * 8}.`,
        );
      }
      if (!sameBytes(unpack(pack(out), limit), out)) {
        throw new InvariantViolation('unpack(pack(x)) differs from x.');
      }
      return out;
    }
    case 'unpacker': {
      meter.cost += 8 * packedWords(bytes);
      let whole: Uint8Array | undefined;
      try {
        whole = unpack(bytes, limit);
      } catch {
        whole = undefined;
      }
      const unpacker = new Unpacker(bytes);
      let at = 0;
      for (let step = 0; !unpacker.done; step++) {
        const words = 1 + ((chunk + step) % 8);
        const got = unpacker.read(words);
        if (whole !== undefined && !sameBytes(got, whole.subarray(at, at + got.length))) {
          throw new InvariantViolation(
            `Unpacker.read(${words}) at byte ${at} differs from unpack.`,
          );
        }
        at += got.length;
      }
      return whole;
    }
    case 'stream-packed': {
      // A stream reader sizes a message's buffer from its segment table before the body
      // arrives (it cannot know better), so the limit is part of what an input may cost.
      meter.cost += 8 * (limit + packedWords(bytes));
      const options = { traversalLimitInWords: limit };
      const got = await streamed(readMultipleSegmentsPacked(chunks(bytes, chunk), options));
      compare('readMultipleSegmentsPacked', got, oraclePacked(bytes, limit));
      return got;
    }
    case 'stream-framed': {
      meter.cost += 8 * limit;
      const options = { traversalLimitInWords: limit };
      const got = await streamed(readMultipleSegments(chunks(bytes, chunk), options));
      compare('readMultipleSegments', got, oracleFramed(bytes, limit));
      return got;
    }
  }
}

/** Edits of packed bytes at the level of its units (a tag and what follows it). */
function mutatePacked(bytes: Uint8Array, rng: Rng): Uint8Array | undefined {
  let words: Uint8Array;
  try {
    words = unpack(bytes, 1 << 16);
  } catch {
    return undefined;
  }
  if (words.length === 0) words = new Uint8Array(8);
  const out = words.slice();
  const view = new DataView(out.buffer);
  switch (rng.below(4)) {
    case 0:
      // A run of zero words, or of dense words (raw runs).
      return concat(pack(out), pack(new Uint8Array(8 * rng.size(600))));
    case 1: {
      const dense = new Uint8Array(8 * (1 + rng.size(300))).map(() => 1 + rng.below(255));
      return concat(pack(out), pack(dense));
    }
    case 2:
      view.setUint32(4 * rng.below(out.length / 4), rng.oneIn(2) ? 0 : rng.u32(), true);
      return pack(out);
    default: {
      // Cut the packed form inside a run or a word.
      const p = pack(out);
      return p.subarray(0, rng.below(p.length + 1));
    }
  }
}

function packedSeeds(dir: string, out: Uint8Array[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) packedSeeds(path, out);
    else if (entry.name.endsWith('.packed')) out.push(new Uint8Array(readFileSync(path)));
  }
}

export const unpackTarget: Target = {
  name: 'unpack',
  about:
    'unpack, Unpacker.read in steps, and stream reading (packed and framed) in chunks, each against an oracle',
  maxInputBytes: 16 * 1024,
  headerBytes: 2,
  slowMs: 5000,
  seeds() {
    const packed: Uint8Array[] = [];
    packedSeeds(join(REPO, 'packages/runtime/test/fixtures/conformance/golden'), packed);
    packedSeeds(join(REPO, 'packages/runtime/test/fixtures/text-json/golden'), packed);
    const out: Uint8Array[] = [];
    for (const [i, p] of packed.entries()) {
      for (let mode = 0; mode < MODES.length; mode++) {
        const body = MODES[mode] === 'stream-framed' ? unpack(p) : p;
        out.push(concat(Uint8Array.of(mode, ((i * 7) & 63) | ((i & 1) << 6)), body));
      }
    }
    return out;
  },
  dictionary: () => [
    Uint8Array.of(0, 255),
    Uint8Array.of(255, 1, 2, 3, 4, 5, 6, 7, 8, 1),
    Uint8Array.of(0xff, 0, 0, 0, 0),
  ],
  mutate(input, rng) {
    const { mode, bytes } = header(input);
    if (mode === 'stream-framed') return undefined;
    const mutated = mutatePacked(bytes, rng);
    return mutated === undefined ? undefined : concat(input.subarray(0, 2), mutated);
  },
  run,
  judge: (error) =>
    judgeTypedError(error, {
      wire: new Set(['truncated', 'too-many-segments', 'message-too-large']),
      capnp: new Set(),
    }),
  describe(input) {
    const { mode, chunk, limit, bytes } = header(input);
    const hex = Buffer.from(bytes.subarray(0, 256)).toString('hex');
    return `${mode}, chunks of ${chunk} bytes, limit ${limit} words; ${bytes.length} bytes: ${hex}${bytes.length > 256 ? '…' : ''}`;
  },
};
