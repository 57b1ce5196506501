import {
  decodeSegmentTable,
  type ReaderOptions,
  segmentTableBytes,
  WireError,
} from '@capnp-kit/wire';
import { readerOptions } from '../read-options.js';
import { ByteReader } from './byte-reader.js';
import { openSource, type StreamSource } from './sources.js';
import { unpackInto } from './unpack-stream.js';

/**
 * Reading messages from streams (encoding spec, "Serialization over a stream"): the segment
 * table, then the segments. The table is checked against the reference's limits (fewer than
 * 512 segments, at most `traversalLimitInWords` words in all) before the body is allocated, so a
 * hostile table cannot make the reader reserve memory. Each message gets one buffer of its own
 * holding all its segments (the stream's chunks are copied, so their buffers may be reused).
 *
 * A read consumes exactly its messages. Bytes that came in the same chunk after them are handed
 * back: a Node stream gets them back with `unshift` (so any later reader sees them); a WHATWG
 * stream or an async iterable cannot take bytes back, so this package keeps them for the next
 * read of the same object (a WHATWG stream is unlocked between reads). The stream must not be
 * read by anything else while a read is in progress; after an error its position is unspecified.
 */

type ReadFrame = (reader: ByteReader, options: ReaderOptions) => Promise<Uint8Array[] | null>;

function truncatedIn(what: string, got: number, want: number): WireError {
  return new WireError(
    'truncated',
    `Stream ended in the middle of a message's ${what}: ${got} of ${want} bytes present.`,
  );
}

/**
 * The segment sizes (in words) of a table whose first word is `head`. The count in the first
 * word is checked before the rest of the table is read; the total before anything else is.
 */
async function segmentSizes(
  head: Uint8Array,
  options: ReaderOptions,
  readRest: (rest: Uint8Array) => Promise<void>,
): Promise<readonly number[]> {
  const short = decodeSegmentTable(head, options.traversalLimitInWords);
  if (short !== null) return short.sizes;
  const count = new DataView(head.buffer, head.byteOffset).getUint32(0, true) + 1;
  const table = new Uint8Array(segmentTableBytes(count));
  table.set(head);
  await readRest(table.subarray(head.length));
  const full = decodeSegmentTable(table, options.traversalLimitInWords);
  if (full === null) throw truncatedIn('segment table', head.length, table.length);
  return full.sizes;
}

/** One buffer for the whole body, and the segments as views of it. */
function allocateSegments(sizes: readonly number[]): { body: Uint8Array; segments: Uint8Array[] } {
  let words = 0;
  for (const size of sizes) words += size;
  const body = new Uint8Array(words * 8);
  const segments: Uint8Array[] = [];
  let at = 0;
  for (const size of sizes) {
    segments.push(body.subarray(at, at + size * 8));
    at += size * 8;
  }
  return { body, segments };
}

/** Reads one framed message; null if the stream ends before its first byte. */
const readFramed: ReadFrame = async (reader, options) => {
  const head = new Uint8Array(8);
  const got = await reader.readInto(head);
  if (got === 0) return null;
  if (got < head.length) throw truncatedIn('segment table', got, head.length);
  const sizes = await segmentSizes(head, options, async (rest) => {
    const n = await reader.readInto(rest);
    if (n < rest.length) throw truncatedIn('segment table', 8 + n, 8 + rest.length);
  });
  const { body, segments } = allocateSegments(sizes);
  const n = await reader.readInto(body);
  if (n < body.length) throw truncatedIn('segments', n, body.length);
  return segments;
};

/**
 * Reads one packed message; null if the stream ends before its first byte. Unpacking follows
 * the reads the reference makes: the first word, the rest of the table, then the body as one
 * read. A run may not cross the end of any of them (it may cross between segments), so it never
 * reaches into the next message.
 */
const readPacked: ReadFrame = async (reader, options) => {
  if (await reader.atEnd()) return null;
  const head = new Uint8Array(8);
  await unpackInto(reader, head);
  const sizes = await segmentSizes(head, options, (rest) => unpackInto(reader, rest));
  const { body, segments } = allocateSegments(sizes);
  await unpackInto(reader, body);
  return segments;
};

async function readOne(
  stream: StreamSource,
  options: Partial<ReaderOptions> | undefined,
  readFrame: ReadFrame,
): Promise<Uint8Array[]> {
  const resolved = readerOptions(options);
  const reader = new ByteReader(openSource(stream));
  try {
    const segments = await readFrame(reader, resolved);
    if (segments === null) throw new WireError('truncated', 'Stream ended before a message.');
    return segments;
  } finally {
    reader.release();
  }
}

function readAll(
  stream: StreamSource,
  options: Partial<ReaderOptions> | undefined,
  readFrame: ReadFrame,
): AsyncGenerator<Uint8Array[], void, undefined> {
  const resolved = readerOptions(options);
  // Opened now, so a wrong argument throws at the call rather than at the first iteration.
  const source = openSource(stream);
  return (async function* () {
    const reader = new ByteReader(source);
    try {
      for (;;) {
        const segments = await readFrame(reader, resolved);
        if (segments === null) return;
        yield segments;
      }
    } finally {
      // Also when the loop over the messages stops early: what was not read stays readable.
      reader.release();
    }
  })();
}

/**
 * Reads one message in the standard framing from `stream` and returns its segments. Rejects
 * with WireError `truncated` if the stream ends before the message does (or before it starts),
 * `too-many-segments` or `message-too-large` if the segment table breaks a limit.
 */
export function readSegments(
  stream: StreamSource,
  options?: Partial<ReaderOptions>,
): Promise<Uint8Array[]> {
  return readOne(stream, options, readFramed);
}

/** Reads one packed message from `stream`; see {@link readSegments}. */
export function readSegmentsPacked(
  stream: StreamSource,
  options?: Partial<ReaderOptions>,
): Promise<Uint8Array[]> {
  return readOne(stream, options, readPacked);
}

/**
 * Reads consecutive framed messages until `stream` ends (between two messages: an end inside
 * one is `truncated`). Leaving the loop early leaves the rest of the stream unread.
 */
export function readMultipleSegments(
  stream: StreamSource,
  options?: Partial<ReaderOptions>,
): AsyncGenerator<Uint8Array[], void, undefined> {
  return readAll(stream, options, readFramed);
}

/** Reads consecutive packed messages until `stream` ends; see {@link readMultipleSegments}. */
export function readMultipleSegmentsPacked(
  stream: StreamSource,
  options?: Partial<ReaderOptions>,
): AsyncGenerator<Uint8Array[], void, undefined> {
  return readAll(stream, options, readPacked);
}
