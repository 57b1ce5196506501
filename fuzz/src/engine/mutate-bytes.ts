import type { Rng } from './rng.js';

/**
 * Byte-level mutation knowing nothing of the input's structure ("havoc", as AFL calls it): a
 * stack of small edits — bit flips, interesting values, arithmetic, inserted, deleted, copied or
 * spliced chunks, dictionary tokens. Structure-aware mutators of the targets call it too, for
 * the parts of an input they do not model.
 */

/** Values that sit on boundaries of the encodings under test (counts, offsets, sizes, signs). */
const INTERESTING_32 = [
  0, 1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 63, 64, 127, 128, 255, 256, 511, 512, 1023, 1024, 4095, 4096,
  0x7fff, 0x8000, 0xffff, 0x10000, 0x1fffffff, 0x20000000, 0x3fffffff, 0x7fffffff, 0x80000000,
  0xfffffff8, 0xfffffffc, 0xfffffffe, 0xffffffff,
];
const INTERESTING_8 = [0, 1, 2, 7, 8, 16, 32, 64, 0x7f, 0x80, 0xfe, 0xff];

/** Options of {@link havoc}. */
export interface HavocOptions {
  /** Longest output; longer results are cut. */
  readonly maxLength: number;
  /** Other inputs to splice with. */
  readonly corpus: readonly Uint8Array[];
  /** Tokens worth inserting whole (keywords, magic numbers). */
  readonly dictionary: readonly Uint8Array[];
  /** Bytes at the start left alone (a target's header), unless `rng` decides otherwise. */
  readonly keepPrefix: number;
}

/** Applies 1–8 random edits to a copy of `input`. */
export function havoc(input: Uint8Array, rng: Rng, options: HavocOptions): Uint8Array {
  let out = input;
  const edits = 1 << rng.below(4);
  for (let i = 0; i < edits; i++) out = edit(out, rng, options);
  if (out === input) out = input.slice();
  return out.length > options.maxLength ? out.slice(0, options.maxLength) : out;
}

function edit(bytes: Uint8Array, rng: Rng, o: HavocOptions): Uint8Array {
  // The header is mutated too, but rarely: it selects what the rest of the input means.
  const lo = rng.oneIn(16) ? 0 : Math.min(o.keepPrefix, bytes.length);
  const span = bytes.length - lo;
  const at = () => lo + rng.below(span);
  switch (rng.below(13)) {
    case 0: {
      if (span === 0) return insert(bytes, bytes.length, randomBytes(rng, 1 + rng.below(8)));
      const out = bytes.slice();
      const i = at();
      out[i] = (out[i] as number) ^ (1 << rng.below(8));
      return out;
    }
    case 1: {
      if (span === 0) return bytes;
      const out = bytes.slice();
      out[at()] = rng.oneIn(2) ? rng.pick(INTERESTING_8) : rng.below(256);
      return out;
    }
    case 2:
    case 3: {
      // A 32-bit value, mostly word-aligned: segment tables and pointers are 32-bit fields.
      if (span < 4) return bytes;
      const out = bytes.slice();
      let i = lo + rng.below(span - 3);
      if (!rng.oneIn(4)) i -= (i - lo) % 4;
      let v = rng.pick(INTERESTING_32);
      if (rng.oneIn(3)) v = (v << rng.below(4)) >>> 0;
      new DataView(out.buffer).setUint32(i, v >>> 0, !rng.oneIn(8));
      return out;
    }
    case 4: {
      if (span < 4) return bytes;
      const out = bytes.slice();
      const i = lo + rng.below(span - 3);
      const view = new DataView(out.buffer);
      view.setUint32(i, (view.getUint32(i, true) + rng.range(-35, 35)) >>> 0, true);
      return out;
    }
    case 5: {
      if (span === 0) return bytes;
      const i = at();
      return remove(bytes, i, 1 + rng.size(bytes.length - i - 1));
    }
    case 6:
      return insert(bytes, lo + rng.below(span + 1), randomBytes(rng, 1 + rng.size(32)));
    case 7: {
      // Repeat a chunk: long runs of one pattern (many pointers to one object, long lists).
      if (span === 0) return bytes;
      const i = at();
      const chunk = bytes.slice(i, i + 1 + rng.size(Math.min(64, bytes.length - i - 1)));
      const times = 1 + rng.size(64);
      const rep = new Uint8Array(chunk.length * times);
      for (let t = 0; t < times; t++) rep.set(chunk, t * chunk.length);
      return insert(bytes, i, rep);
    }
    case 8: {
      if (span < 2) return bytes;
      const out = bytes.slice();
      const from = at();
      const to = at();
      const n = 1 + rng.size(Math.min(bytes.length - from, bytes.length - to) - 1);
      out.copyWithin(to, from, from + n);
      return out;
    }
    case 9: {
      // Splice: the start of this input with the end of another.
      if (o.corpus.length === 0) return bytes;
      const other = rng.pick(o.corpus);
      const cut = lo + rng.below(span + 1);
      const from = rng.below(other.length + 1);
      return concat(bytes.subarray(0, cut), other.subarray(from));
    }
    case 10: {
      if (o.dictionary.length === 0) return bytes;
      const token = rng.pick(o.dictionary);
      if (rng.oneIn(2) || span < token.length)
        return insert(bytes, lo + rng.below(span + 1), token);
      const out = bytes.slice();
      out.set(token, lo + rng.below(span - token.length + 1));
      return out;
    }
    case 11:
      return span === 0 ? bytes : bytes.slice(0, at());
    default: {
      if (span === 0) return bytes;
      const out = bytes.slice();
      const i = at();
      out.fill(rng.oneIn(2) ? 0 : 0xff, i, i + 1 + rng.size(bytes.length - i - 1));
      return out;
    }
  }
}

/** `n` random bytes. */
export function randomBytes(rng: Rng, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.below(256);
  return out;
}

/** `bytes` with `extra` inserted at `at`. */
export function insert(bytes: Uint8Array, at: number, extra: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length + extra.length);
  out.set(bytes.subarray(0, at));
  out.set(extra, at);
  out.set(bytes.subarray(at), at + extra.length);
  return out;
}

/** `bytes` without the `n` bytes at `at`. */
export function remove(bytes: Uint8Array, at: number, n: number): Uint8Array {
  const out = new Uint8Array(bytes.length - Math.min(n, bytes.length - at));
  out.set(bytes.subarray(0, at));
  out.set(bytes.subarray(at + n), at);
  return out;
}

/** The concatenation of byte arrays. */
export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
