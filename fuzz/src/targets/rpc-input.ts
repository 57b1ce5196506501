import { encodeFrame, MAX_SEGMENTS, segmentTableBytes } from '@capnp-kit/wire';
import { concat } from '../engine/mutate-bytes.js';
import { Rng } from '../engine/rng.js';

/**
 * The input of the RPC campaign: `[mode, chunking, ...stream]`, where `stream` is what the
 * hostile peer sends — RPC messages in the standard stream framing, back to back, as valid or
 * as broken as mutation made them.
 *
 * - `mode` (modulo 16): 0–11 `memory` (an in-memory transport: each frame of the stream, split
 *   leniently, is handed to the connection as its segments, so segment sizes may be ragged);
 *   12–14 `stream` (the bytes go through the runtime's StreamTransport over an in-process
 *   duplex, cut into chunks); 15 `tcp` (the bytes go over a loopback TCP socket).
 * - `chunking` seeds the chunk sizes of the byte modes (0: the whole stream in one chunk).
 */

export const MODES = ['memory', 'stream', 'tcp'] as const;
export type Mode = (typeof MODES)[number];

/** Frames the memory mode hands over at most (the rest of the stream is ignored). */
export const MAX_FRAMES = 64;
/** Chunks the byte modes write at most (the last one takes the rest). */
const MAX_CHUNKS = 96;

export interface RpcInput {
  readonly mode: Mode;
  readonly chunking: number;
  readonly stream: Uint8Array;
}

export function modeOf(byte: number): Mode {
  const m = byte & 15;
  return m < 12 ? 'memory' : m < 15 ? 'stream' : 'tcp';
}

/** The mode byte selecting `mode`. */
export function modeByte(mode: Mode): number {
  return mode === 'memory' ? 0 : mode === 'stream' ? 12 : 15;
}

export function parseInput(input: Uint8Array): RpcInput {
  return {
    mode: modeOf(input[0] ?? 0),
    chunking: input[1] ?? 0,
    stream: input.subarray(2),
  };
}

export function encodeInput(
  mode: Mode,
  chunking: number,
  frames: readonly Uint8Array[],
): Uint8Array {
  return concat(Uint8Array.of(modeByte(mode), chunking), ...frames);
}

/** A message's segments in the standard framing. */
export function framed(segments: readonly Uint8Array[]): Uint8Array {
  return encodeFrame(segments);
}

function u32(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at] as number) |
      ((bytes[at + 1] as number) << 8) |
      ((bytes[at + 2] as number) << 16) |
      ((bytes[at + 3] as number) << 24)) >>>
    0
  );
}

/** One frame of a stream split leniently: its segments and where it lies in the stream. */
export interface LooseFrame {
  readonly segments: Uint8Array[];
  readonly start: number;
  readonly end: number;
}

/**
 * Splits a stream into frames without validating it: a segment table claiming more than is
 * there gives segments cut short (or empty), the segment count is taken modulo 64, and a scrap
 * too short for a table is one segment of its own. The memory mode feeds these as they are; the
 * mutator uses the same split to find frame boundaries.
 */
export function looseFrames(stream: Uint8Array, max = MAX_FRAMES): LooseFrame[] {
  const frames: LooseFrame[] = [];
  let at = 0;
  while (at < stream.length && frames.length < max) {
    if (stream.length - at < 8) {
      frames.push({ segments: [stream.subarray(at)], start: at, end: stream.length });
      break;
    }
    const count = (u32(stream, at) & 63) + 1;
    let p = Math.min(at + segmentTableBytes(count), stream.length);
    const segments: Uint8Array[] = [];
    for (let i = 0; i < count; i++) {
      const field = at + 4 + i * 4;
      const words = field + 4 <= stream.length ? u32(stream, field) : 0;
      const end = Math.min(p + words * 8, stream.length);
      segments.push(stream.subarray(p, end));
      p = end;
    }
    frames.push({ segments, start: at, end: p });
    at = p;
  }
  return frames;
}

/**
 * The bytes a stream transport may allocate for the frames of `stream`: it sizes a frame's
 * buffer from the segment table (checked against the traversal limit) before the body arrives,
 * so a short input can legitimately make it reserve up to the limit.
 */
export function claimedBytes(stream: Uint8Array, limitWords: number): number {
  let total = 0;
  let at = 0;
  while (at + 4 <= stream.length) {
    const count = u32(stream, at) + 1;
    if (count > MAX_SEGMENTS) break;
    const tableBytes = segmentTableBytes(count);
    if (at + tableBytes > stream.length) break;
    let words = 0;
    for (let i = 0; i < count; i++) words += u32(stream, at + 4 + i * 4);
    if (words > limitWords) break;
    total += tableBytes + words * 8;
    at += tableBytes + words * 8;
  }
  return total;
}

/** How the byte modes cut the stream: chunk sizes from the chunking byte. */
export function chunksOf(stream: Uint8Array, chunking: number): Uint8Array[] {
  if (chunking === 0 || stream.length === 0) return [stream];
  const rng = new Rng(chunking);
  const chunks: Uint8Array[] = [];
  let at = 0;
  while (at < stream.length) {
    const size =
      chunks.length === MAX_CHUNKS - 1
        ? stream.length - at
        : 1 + rng.size(rng.oneIn(4) ? 4096 : 96);
    chunks.push(stream.subarray(at, at + size));
    at += size;
  }
  return chunks;
}
