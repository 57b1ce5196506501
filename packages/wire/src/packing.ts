import { WireError } from './errors.js';
import { DEFAULT_READER_OPTIONS } from './reader.js';

/**
 * Packing (encoding spec, "Packing"): per word, a tag byte with bit i set when byte i is
 * non-zero, then the non-zero bytes. Tag 0x00 is followed by the number (0-255) of further
 * all-zero words; tag 0xff by the number of following words copied raw. The encoder makes the
 * reference's choices, so packed output is byte-identical to C++.
 */

/** Packs `bytes` (a whole number of words) as one piece. */
export function pack(bytes: Uint8Array): Uint8Array {
  if (bytes.length % 8 !== 0) throw new RangeError('packing needs a whole number of words');
  const out = new Uint8Array(bytes.length + Math.ceil(bytes.length / 8) * 2 + 8);
  return out.slice(0, packInto(bytes, out, 0));
}

/**
 * Packs each piece separately and concatenates them, as the reference's packed output stream
 * does for the segment table and each segment: runs never span two pieces.
 */
export function packPieces(pieces: readonly Uint8Array[]): Uint8Array {
  let size = 8;
  for (const p of pieces) size += p.length + Math.ceil(p.length / 8) * 2;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of pieces) {
    if (p.length % 8 !== 0) throw new RangeError('packing needs a whole number of words');
    at = packInto(p, out, at);
  }
  return out.slice(0, at);
}

function packInto(bytes: Uint8Array, out: Uint8Array, at: number): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const tagAt = at++;
    let tag = 0;
    for (let k = 0; k < 8; k++) {
      const b = bytes[i + k] as number;
      if (b !== 0) {
        tag |= 1 << k;
        out[at++] = b;
      }
    }
    out[tagAt] = tag;
    i += 8;
    if (tag === 0) {
      // Count the following all-zero words (at most 255).
      let run = 0;
      while (run < 255 && i < n && isZeroWord(bytes, i)) {
        run++;
        i += 8;
      }
      out[at++] = run;
    } else if (tag === 0xff) {
      // Copy the following words raw while each has at most one zero byte: packing them would
      // not save space (the reference's rule, kept for byte-identical output).
      const start = i;
      let run = 0;
      while (run < 255 && i < n && zeroBytes(bytes, i) < 2) {
        run++;
        i += 8;
      }
      out[at++] = run;
      out.set(bytes.subarray(start, i), at);
      at += i - start;
    }
  }
  return at;
}

function isZeroWord(bytes: Uint8Array, i: number): boolean {
  for (let k = 0; k < 8; k++) if (bytes[i + k] !== 0) return false;
  return true;
}

function zeroBytes(bytes: Uint8Array, i: number): number {
  let z = 0;
  for (let k = 0; k < 8; k++) if (bytes[i + k] === 0) z++;
  return z;
}

function truncated(): WireError {
  return new WireError('truncated', 'Packed input ended in the middle of a word or run.');
}

/**
 * Unpacks a whole packed buffer. The output may not exceed `maxWords` (default: the traversal
 * limit), since a few packed bytes can describe a huge run of zeros.
 */
export function unpack(
  packed: Uint8Array,
  maxWords: number = DEFAULT_READER_OPTIONS.traversalLimitInWords,
): Uint8Array {
  const unpacker = new Unpacker(packed);
  const words = unpacker.remainingWords(maxWords);
  return unpacker.read(words);
}

/**
 * Incremental unpacking of a buffer holding one or more packed messages, word count by word
 * count. Like the reference, a run may not cross the end of a read ("Packed input did not end
 * cleanly on a segment boundary").
 */
export class Unpacker {
  #at = 0;

  constructor(readonly packed: Uint8Array) {}

  /** Packed bytes consumed so far. */
  get offset(): number {
    return this.#at;
  }

  /** True when every packed byte has been consumed. */
  get done(): boolean {
    return this.#at >= this.packed.length;
  }

  /** Words the rest of the input unpacks to; throws when that exceeds `maxWords`. */
  remainingWords(maxWords: number): number {
    const p = this.packed;
    let i = this.#at;
    let words = 0;
    while (i < p.length) {
      const tag = p[i++] as number;
      if (tag === 0) {
        if (i >= p.length) throw truncated();
        words += 1 + (p[i++] as number);
      } else {
        for (let k = 0; k < 8; k++) if (tag & (1 << k)) i++;
        words += 1;
        if (tag === 0xff) {
          if (i >= p.length) throw truncated();
          const run = p[i++] as number;
          i += run * 8;
          words += run;
        }
        if (i > p.length) throw truncated();
      }
      if (words > maxWords) {
        throw new WireError(
          'message-too-large',
          `Packed message unpacks to more than ${maxWords} words.`,
        );
      }
    }
    return words;
  }

  /** Unpacks exactly `words` words. */
  read(words: number): Uint8Array {
    const out = new Uint8Array(words * 8);
    const p = this.packed;
    let i = this.#at;
    let o = 0;
    const end = words * 8;
    while (o < end) {
      if (i >= p.length) throw truncated();
      const tag = p[i++] as number;
      for (let k = 0; k < 8; k++) {
        if (tag & (1 << k)) {
          if (i >= p.length) throw truncated();
          out[o + k] = p[i++] as number;
        }
      }
      o += 8;
      if (tag === 0 || tag === 0xff) {
        if (i >= p.length) throw truncated();
        const run = (p[i++] as number) * 8;
        if (o + run > end) {
          throw new WireError(
            'truncated',
            'Packed input did not end cleanly on a segment boundary.',
          );
        }
        if (tag === 0xff) {
          if (i + run > p.length) throw truncated();
          out.set(p.subarray(i, i + run), o);
          i += run;
        }
        o += run;
      }
    }
    this.#at = i;
    return out;
  }
}
