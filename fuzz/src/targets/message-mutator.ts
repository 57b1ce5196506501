import { encodeFrame, pack, segmentTableBytes, unpack } from '@capnp-kit/wire';
import { concat } from '../engine/mutate-bytes.js';
import type { Rng } from '../engine/rng.js';

/**
 * Structure-aware mutation of Cap'n Proto messages (encoding spec): the frame is split into its
 * segments, words are rewritten as well-formed pointers of every kind (struct, list, far,
 * double-far, capability) with boundary sizes and offsets, and the shapes that attack a
 * reader's limits are built on purpose — lists of zero-sized elements with huge counts,
 * pointers to themselves (cycles: nesting), chains of far pointers across many segments, many
 * pointers aliasing one object (traversal amplification), lying segment tables. Valid far
 * pointers are made too (a near pointer moved behind a landing pad), so the code past them gets
 * exercised before other mutations break it.
 */

/** A message split into segments (copies), plus bytes after it. */
interface Frame {
  segments: Uint8Array[];
  rest: Uint8Array;
}

/** Parses the framing leniently; undefined unless it is a plausible frame. */
function parseFrame(bytes: Uint8Array): Frame | undefined {
  if (bytes.length < 8) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(0, true) + 1;
  if (count > 64) return undefined;
  let at = segmentTableBytes(count);
  if (bytes.length < at) return undefined;
  const segments: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const end = at + view.getUint32(4 + i * 4, true) * 8;
    if (end > bytes.length) return undefined;
    segments.push(bytes.slice(at, end));
    at = end;
  }
  return { segments, rest: bytes.slice(at) };
}

type Word = readonly [number, number];

const structPointer = (offset: number, data: number, pointers: number): Word => [
  (offset << 2) >>> 0,
  ((pointers << 16) | data) >>> 0,
];
const listPointer = (offset: number, size: number, count: number): Word => [
  ((offset << 2) | 1) >>> 0,
  ((count << 3) | size) >>> 0,
];
const farPointer = (segment: number, word: number, double: boolean): Word => [
  ((word << 3) | (double ? 4 : 0) | 2) >>> 0,
  segment >>> 0,
];

function setWord(segment: Uint8Array, index: number, [lo, hi]: Word): void {
  const view = new DataView(segment.buffer, segment.byteOffset, segment.byteLength);
  view.setUint32(index * 8, lo, true);
  view.setUint32(index * 8 + 4, hi, true);
}

function getWord(segment: Uint8Array, index: number): Word {
  const view = new DataView(segment.buffer, segment.byteOffset, segment.byteLength);
  return [view.getUint32(index * 8, true), view.getUint32(index * 8 + 4, true)];
}

/** Appends `words` zero words to a segment; returns the index of the first. */
function grow(frame: Frame, s: number, words: number): number {
  const old = frame.segments[s] as Uint8Array;
  const out = new Uint8Array(old.length + words * 8);
  out.set(old);
  frame.segments[s] = out;
  return old.length / 8;
}

const COUNTS = [
  0,
  1,
  2,
  3,
  7,
  8,
  9,
  63,
  64,
  65,
  1000,
  65535,
  65536,
  65537,
  1 << 20,
  (1 << 20) + 1,
  8 * 1024 * 1024,
  8 * 1024 * 1024 + 1,
  0x1fffffff,
];
const SIZES = [0, 1, 2, 3, 7, 0x7fff, 0xffff];

/** A position in a non-empty segment: [segment, word]. */
function anyWord(frame: Frame, rng: Rng): [number, number] | undefined {
  const candidates = frame.segments.flatMap((s, i) => (s.length >= 8 ? [i] : []));
  if (candidates.length === 0) return undefined;
  const s = rng.pick(candidates);
  return [s, rng.below((frame.segments[s] as Uint8Array).length / 8)];
}

/** An offset from word `w` (the pointer) to somewhere near, or far off. */
function offsetFrom(rng: Rng, w: number, words: number): number {
  if (rng.oneIn(8)) return rng.pick([-(w + 1), -1, 0, 1 << 28, -(1 << 29), words]);
  return rng.below(words + 1) - (w + 1);
}

function randomPointer(frame: Frame, rng: Rng, s: number, w: number): Word {
  const words = (frame.segments[s] as Uint8Array).length / 8;
  const offset = offsetFrom(rng, w, words);
  switch (rng.below(5)) {
    case 0:
      return structPointer(offset, rng.pick(SIZES), rng.pick(SIZES));
    case 1:
    case 2:
      return listPointer(offset, rng.below(8), rng.oneIn(2) ? rng.pick(COUNTS) : rng.below(16));
    case 3:
      return farPointer(
        rng.oneIn(8) ? rng.u32() : rng.below(frame.segments.length + 1),
        rng.below(words + 2),
        rng.oneIn(3),
      );
    default:
      return [3, rng.oneIn(4) ? rng.u32() : rng.below(4)];
  }
}

const MUTATIONS: readonly ((frame: Frame, rng: Rng) => void)[] = [
  // A word becomes a random well-formed pointer.
  (frame, rng) => {
    const at = anyWord(frame, rng);
    if (at === undefined) return;
    setWord(frame.segments[at[0]] as Uint8Array, at[1], randomPointer(frame, rng, ...at));
  },
  // A pointer keeps its kind and gets another offset or size.
  (frame, rng) => {
    const at = anyWord(frame, rng);
    if (at === undefined) return;
    const seg = frame.segments[at[0]] as Uint8Array;
    const [lo, hi] = getWord(seg, at[1]);
    if (rng.oneIn(2))
      setWord(seg, at[1], [((lo & 3) | ((lo + (rng.range(-4, 4) << 2)) & ~3)) >>> 0, hi]);
    else if ((lo & 3) === 1) setWord(seg, at[1], [lo, ((rng.pick(COUNTS) << 3) | (hi & 7)) >>> 0]);
    else setWord(seg, at[1], [lo, ((rng.pick(SIZES) << 16) | rng.pick(SIZES)) >>> 0]);
  },
  // A near pointer moves behind a landing pad: single-far in its own segment, or double-far.
  (frame, rng) => {
    const at = anyWord(frame, rng);
    if (at === undefined) return;
    const [s, w] = at;
    const [lo, hi] = getWord(frame.segments[s] as Uint8Array, w);
    if ((lo & 3) === 2 || (lo === 0 && hi === 0)) return;
    const target = w + 1 + (lo >> 2);
    if (rng.oneIn(2)) {
      const pad = grow(frame, s, 1);
      setWord(frame.segments[s] as Uint8Array, pad, [
        (((target - pad - 1) << 2) | (lo & 3)) >>> 0,
        hi,
      ]);
      setWord(frame.segments[s] as Uint8Array, w, farPointer(s, pad, false));
    } else {
      frame.segments.push(new Uint8Array(16));
      const padSegment = frame.segments.length - 1;
      const pads = frame.segments[padSegment] as Uint8Array;
      setWord(pads, 0, farPointer(s, target, false));
      setWord(pads, 1, [lo & 3, hi]);
      setWord(frame.segments[s] as Uint8Array, w, farPointer(padSegment, 0, true));
    }
  },
  // A chain of far pointers through new segments, ending anywhere.
  (frame, rng) => {
    const at = anyWord(frame, rng);
    if (at === undefined) return;
    const first = frame.segments.length;
    const n = 1 + rng.size(40);
    for (let i = 0; i < n; i++) {
      const seg = new Uint8Array(16);
      const next = i + 1 < n ? first + i + 1 : rng.below(first + n);
      setWord(seg, 0, farPointer(next, rng.below(2), rng.oneIn(2)));
      setWord(seg, 1, rng.oneIn(2) ? farPointer(rng.below(first + n), 0, false) : [0, 0]);
      frame.segments.push(seg);
    }
    setWord(frame.segments[at[0]] as Uint8Array, at[1], farPointer(first, 0, rng.oneIn(2)));
  },
  // A list of zero-sized elements (void, or structs of no words) with a huge count.
  (frame, rng) => {
    const at = anyWord(frame, rng);
    if (at === undefined) return;
    const [s, w] = at;
    const count = rng.pick(COUNTS);
    if (rng.oneIn(2)) {
      setWord(frame.segments[s] as Uint8Array, w, listPointer(rng.range(-w - 1, 0), 0, count));
    } else {
      const tag = grow(frame, s, 1);
      setWord(frame.segments[s] as Uint8Array, tag, [(count << 2) >>> 0, 0]);
      setWord(frame.segments[s] as Uint8Array, w, listPointer(tag - w - 1, 7, 0));
    }
  },
  // A struct pointer to itself or to a struct around it: a cycle only the nesting limit ends.
  (frame, rng) => {
    const at = anyWord(frame, rng);
    if (at === undefined) return;
    const back = rng.below(Math.min(at[1], 8) + 1);
    setWord(frame.segments[at[0]] as Uint8Array, at[1], structPointer(-1 - back, 0, back + 1));
  },
  // Many pointers alias one object: each is charged to the traversal limit.
  (frame, rng) => {
    const at = anyWord(frame, rng);
    if (at === undefined) return;
    const [s, w] = at;
    const seg = frame.segments[s] as Uint8Array;
    const [lo, hi] = getWord(seg, w);
    if ((lo & 3) > 1 || (lo === 0 && hi === 0)) return;
    const target = w + 1 + (lo >> 2);
    for (let q = 0; q < seg.length / 8; q++) {
      if (q !== w && rng.oneIn(3))
        setWord(seg, q, [(((target - q - 1) << 2) | (lo & 3)) >>> 0, hi]);
    }
  },
  // Data words get small values: union discriminants, enumerants, counts.
  (frame, rng) => {
    const at = anyWord(frame, rng);
    if (at === undefined) return;
    const seg = frame.segments[at[0]] as Uint8Array;
    const view = new DataView(seg.buffer, seg.byteOffset, seg.byteLength);
    view.setUint16(at[1] * 8 + 2 * rng.below(4), rng.oneIn(2) ? rng.below(8) : 0xffff, true);
  },
  // Segments split, added, dropped.
  (frame, rng) => {
    const s = rng.below(frame.segments.length);
    const seg = frame.segments[s] as Uint8Array;
    const choice = rng.below(3);
    if (choice === 0 && seg.length >= 16) {
      const cut = 8 * (1 + rng.below(seg.length / 8 - 1));
      frame.segments.splice(s, 1, seg.slice(0, cut), seg.slice(cut));
    } else if (choice === 1 || frame.segments.length === 1) {
      frame.segments.push(new Uint8Array(8 * rng.below(3)));
    } else {
      frame.segments.splice(s, 1);
    }
  },
];

/**
 * Mutates a framed message (packed when `packed`): one to three structural mutations, then
 * re-framing, and sometimes a lying segment table. Undefined if the bytes are not a frame.
 */
export function mutateMessage(
  payload: Uint8Array,
  packed: boolean,
  rng: Rng,
  maxBytes: number,
): Uint8Array | undefined {
  let bytes = payload;
  if (packed) {
    try {
      bytes = unpack(payload, maxBytes / 8);
    } catch {
      return undefined;
    }
  }
  const frame = parseFrame(bytes);
  if (frame === undefined) return undefined;
  const n = 1 + rng.below(3);
  for (let i = 0; i < n; i++) rng.pick(MUTATIONS)(frame, rng);
  if (frame.segments.length === 0) frame.segments.push(new Uint8Array(8));
  let out = concat(encodeFrame(frame.segments), frame.rest);
  if (rng.oneIn(6)) {
    // The table lies: a segment count or size that the bytes do not back.
    const view = new DataView(out.buffer);
    const field = rng.below(Math.min(frame.segments.length, 16) + 1);
    const v = view.getUint32(field * 4, true);
    view.setUint32(
      field * 4,
      rng.pick([0, 1, v + 1, v - 1, 510, 511, 512, 0xffffffff]) >>> 0,
      true,
    );
  }
  if (rng.oneIn(10)) out = concat(out, out);
  if (out.length > maxBytes) return undefined;
  return packed ? pack(out) : out;
}
