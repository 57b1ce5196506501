import { WireError } from './errors.js';
import { DEFAULT_READER_OPTIONS } from './reader.js';

/**
 * Stream framing (encoding spec, "Serialization over a stream"): a little-endian u32 segment
 * count minus one, a u32 word count per segment, four bytes of padding when that makes the
 * table's length a whole number of words, then the segments.
 */

/** The reference refuses messages with this many segments or more. */
export const MAX_SEGMENTS = 512;

/** Bytes taken by the segment table of a message with `segmentCount` segments. */
export function segmentTableBytes(segmentCount: number): number {
  return (Math.floor(segmentCount / 2) + 1) * 8;
}

/**
 * Writes the segment table of a message whose segments have the given byte lengths into `out`
 * at `at` (padding included); returns the bytes written.
 */
export function writeSegmentTable(
  segments: readonly Uint8Array[],
  out: Uint8Array,
  at: number,
): number {
  // Byte by byte rather than through a DataView: making a view costs more than a small
  // message's whole table, and messages are framed once per RPC call.
  const count = segments.length;
  writeUint32(out, at, count - 1);
  for (let i = 0; i < count; i++) {
    writeUint32(out, at + 4 + i * 4, (segments[i] as Uint8Array).length >>> 3);
  }
  const bytes = segmentTableBytes(count);
  if (count % 2 === 0) writeUint32(out, at + bytes - 4, 0);
  return bytes;
}

function writeUint32(out: Uint8Array, at: number, v: number): void {
  out[at] = v;
  out[at + 1] = v >>> 8;
  out[at + 2] = v >>> 16;
  out[at + 3] = v >>> 24;
}

/** The segment table of a message whose segments have the given byte lengths. */
export function encodeSegmentTable(segments: readonly Uint8Array[]): Uint8Array {
  const table = new Uint8Array(segmentTableBytes(segments.length));
  writeSegmentTable(segments, table, 0);
  return table;
}

/** The framed bytes of a message: the segment table followed by the segments. */
export function encodeFrame(segments: readonly Uint8Array[]): Uint8Array {
  if (segments.length === 0) throw new RangeError('a message has at least one segment');
  let size = segmentTableBytes(segments.length);
  for (const s of segments) size += s.length;
  const out = new Uint8Array(size);
  let at = writeSegmentTable(segments, out, 0);
  for (const s of segments) {
    out.set(s, at);
    at += s.length;
  }
  return out;
}

/** What {@link decodeFrame} found: segment views into the input and the frame's length. */
export interface Frame {
  readonly segments: Uint8Array[];
  /** Bytes of input the frame occupies (table included). */
  readonly byteLength: number;
}

/**
 * Parses the segment table at the start of `bytes` and returns word counts per segment,
 * checking the reference's limits (fewer than 512 segments, total within
 * `traversalLimitInWords`). Returns null if `bytes` does not yet hold the whole table.
 */
export function decodeSegmentTable(
  bytes: Uint8Array,
  traversalLimitInWords: number = DEFAULT_READER_OPTIONS.traversalLimitInWords,
): { sizes: number[]; tableBytes: number } | null {
  return readSegmentTable(bytes, 0, traversalLimitInWords);
}

// decodeSegmentTable for the table at `offset`. Bytes are read one by one rather than through a
// DataView (or a subarray from `offset`): making either costs more than reading a small message.
function readSegmentTable(
  bytes: Uint8Array,
  offset: number,
  traversalLimitInWords: number,
): { sizes: number[]; tableBytes: number } | null {
  if (bytes.length - offset < 4) return null;
  const count = readUint32(bytes, offset) + 1;
  if (count >= MAX_SEGMENTS) {
    throw new WireError('too-many-segments', `Message has too many segments (${count}).`);
  }
  const tableBytes = segmentTableBytes(count);
  if (bytes.length - offset < tableBytes) return null;
  const sizes: number[] = [];
  let total = 0;
  for (let i = 0; i < count; i++) {
    const words = readUint32(bytes, offset + 4 + i * 4);
    sizes.push(words);
    total += words;
  }
  if (total > traversalLimitInWords) {
    throw new WireError(
      'message-too-large',
      `Message is too large (${total} words). To increase the limit on the receiving end, see capnp::ReaderOptions.`,
    );
  }
  return { sizes, tableBytes };
}

function readUint32(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at] as number) |
      ((bytes[at + 1] as number) << 8) |
      ((bytes[at + 2] as number) << 16) |
      ((bytes[at + 3] as number) << 24)) >>>
    0
  );
}

/**
 * Reads one framed message starting at `offset` of `bytes` without copying: the segments are
 * views into `bytes`. Throws `truncated` if the input ends early.
 */
export function decodeFrame(
  bytes: Uint8Array,
  offset = 0,
  traversalLimitInWords: number = DEFAULT_READER_OPTIONS.traversalLimitInWords,
): Frame {
  if (!Number.isInteger(offset) || offset < 0) {
    throw new RangeError(`offset must be a non-negative integer, got ${offset}`);
  }
  const table = readSegmentTable(bytes, offset, traversalLimitInWords);
  if (table === null) {
    throw new WireError('truncated', 'Message ends prematurely in segment table.');
  }
  let at = offset + table.tableBytes;
  const segments: Uint8Array[] = [];
  for (const words of table.sizes) {
    const end = at + words * 8;
    if (end > bytes.length) {
      throw new WireError(
        'truncated',
        `Message ends prematurely in segment ${segments.length}: ${bytes.length - at} of ${words * 8} bytes present.`,
      );
    }
    segments.push(bytes.subarray(at, end));
    at = end;
  }
  return { segments, byteLength: at - offset };
}
