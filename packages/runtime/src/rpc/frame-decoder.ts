import {
  decodeSegmentTable,
  segmentTableBytes,
  WireError,
  writeSegmentTable,
} from '@capnp-kit/wire';
import type { FrameLimits } from './transport.js';

/**
 * Splits a byte stream into messages in the standard stream framing (segment table, then
 * segments), as chunks arrive. A frame that lies within one chunk is returned as views of it
 * (no copy); one spanning chunks is copied into a buffer allocated once its size is known. The
 * segment table is checked (fewer than 512 segments, total within the traversal limit) before
 * anything is allocated, so a hostile peer cannot make this side reserve memory.
 */
export class FrameDecoder {
  readonly #limitWords: number;
  /** Bytes of a segment table not complete yet. */
  #head: Uint8Array | null = null;
  /** The frame being filled: its buffer, its segment sizes in words, and how much is in. */
  #frame: Uint8Array | null = null;
  #sizes: readonly number[] = [];
  #tableBytes = 0;
  #filled = 0;

  constructor(limits: FrameLimits) {
    this.#limitWords = limits.traversalLimitInWords;
  }

  /** True while a frame has begun and not ended (a stream ending now is truncated). */
  get midFrame(): boolean {
    return this.#head !== null || this.#frame !== null;
  }

  /** Feeds a chunk; calls `onFrame` with each complete frame's segments. Throws WireError. */
  push(chunk: Uint8Array, onFrame: (segments: Uint8Array[]) => void): void {
    let input = chunk;
    let at = 0;
    while (at < input.length) {
      const frame = this.#frame;
      if (frame !== null) {
        const n = Math.min(frame.length - this.#filled, input.length - at);
        frame.set(input.subarray(at, at + n), this.#filled);
        this.#filled += n;
        at += n;
        if (this.#filled === frame.length) {
          this.#frame = null;
          onFrame(splitSegments(frame, this.#tableBytes, this.#sizes));
        }
        continue;
      }
      if (this.#head !== null) {
        // A table split across chunks: join the (small) head with the rest and start over.
        const joined = new Uint8Array(this.#head.length + input.length - at);
        joined.set(this.#head);
        joined.set(input.subarray(at), this.#head.length);
        this.#head = null;
        input = joined;
        at = 0;
      }
      const rest = input.subarray(at);
      const table = decodeSegmentTable(rest, this.#limitWords);
      if (table === null) {
        this.#head = rest.slice();
        return;
      }
      let words = 0;
      for (const s of table.sizes) words += s;
      const total = table.tableBytes + words * 8;
      if (rest.length >= total) {
        onFrame(splitSegments(rest, table.tableBytes, table.sizes));
        at += total;
        continue;
      }
      const buffer = new Uint8Array(total);
      buffer.set(rest);
      this.#frame = buffer;
      this.#sizes = table.sizes;
      this.#tableBytes = table.tableBytes;
      this.#filled = rest.length;
      return;
    }
  }

  /** Checks the stream did not end inside a frame. */
  end(): void {
    if (this.midFrame) {
      throw new WireError('truncated', 'The stream ended in the middle of a message.');
    }
  }
}

function splitSegments(
  bytes: Uint8Array,
  tableBytes: number,
  sizes: readonly number[],
): Uint8Array[] {
  const segments: Uint8Array[] = new Array(sizes.length);
  let at = tableBytes;
  for (let i = 0; i < sizes.length; i++) {
    const end = at + (sizes[i] as number) * 8;
    segments[i] = bytes.subarray(at, end);
    at = end;
  }
  return segments;
}

/** The framed bytes of several messages, back to back, in one buffer. */
export function encodeFrames(messages: readonly (readonly Uint8Array[])[]): Uint8Array {
  let total = 0;
  for (const segments of messages) {
    total += segmentTableBytes(segments.length);
    for (const s of segments) total += s.length;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const segments of messages) {
    at += writeSegmentTable(segments, out, at);
    for (const s of segments) {
      out.set(s, at);
      at += s.length;
    }
  }
  return out;
}
