import { WireError } from '@capnp-kit/wire';
import type { ByteReader } from './byte-reader.js';

/**
 * Incremental unpacking (encoding spec, "Packing") of bytes arriving in chunks: a tag byte per
 * word with bit i set when byte i is non-zero, then those bytes; tag 0x00 is followed by a count
 * of further zero words, tag 0xff by a count of words copied raw. Each call fills one buffer,
 * and like the reference's packed input stream a run may not reach past its end ("Packed input
 * did not end cleanly on a segment boundary"), so unpacking never consumes the next message.
 */

function truncated(): WireError {
  return new WireError('truncated', 'Packed stream ended in the middle of a message.');
}

/** Bytes set in each tag value (a tag's encoded word takes 1 + this many bytes). */
const SET_BITS = new Uint8Array(256);
for (let t = 1; t < 256; t++) SET_BITS[t] = (t & 1) + (SET_BITS[t >> 1] as number);

/**
 * The state of one unpacking: the output and where it is, and how many raw bytes of a 0xff run
 * are still to copy. {@link decode} works through one chunk synchronously; only chunk
 * boundaries cost an await.
 */
class PackedDecoder {
  #o = 0;
  #raw = 0;
  /** Contiguous bytes the next step needs: a whole word's encoding, or one byte. */
  needed = 1;

  constructor(readonly out: Uint8Array) {}

  get done(): boolean {
    return this.#o >= this.out.length && this.#raw === 0;
  }

  /** Decodes from `buf` at `i` as far as the bytes and the output go; returns the new `i`. */
  decode(buf: Uint8Array, i: number): number {
    const out = this.out;
    const end = out.length;
    let o = this.#o;
    if (this.#raw > 0) {
      const take = Math.min(this.#raw, buf.length - i);
      out.set(buf.subarray(i, i + take), o);
      i += take;
      o += take;
      this.#raw -= take;
      if (this.#raw > 0) {
        this.#o = o;
        this.needed = 1;
        return i;
      }
    }
    while (o < end && i < buf.length) {
      const tag = buf[i] as number;
      // Tag, the non-zero bytes, and for 0x00 and 0xff the run count.
      const size = 1 + (SET_BITS[tag] as number) + (tag === 0 || tag === 0xff ? 1 : 0);
      if (buf.length - i < size) {
        this.needed = size;
        this.#o = o;
        return i;
      }
      i++;
      // `out` starts zeroed: only the non-zero bytes are written.
      for (let k = 0; k < 8; k++) if (tag & (1 << k)) out[o + k] = buf[i++] as number;
      o += 8;
      if (tag === 0 || tag === 0xff) {
        const run = (buf[i++] as number) * 8;
        if (o + run > end) {
          throw new WireError(
            'truncated',
            'Packed input did not end cleanly on a segment boundary.',
          );
        }
        if (tag === 0) {
          o += run;
        } else {
          const take = Math.min(run, buf.length - i);
          out.set(buf.subarray(i, i + take), o);
          i += take;
          o += take;
          this.#raw = run - take;
          if (this.#raw > 0) {
            this.#o = o;
            this.needed = 1;
            return i;
          }
        }
      }
    }
    this.#o = o;
    this.needed = 1;
    return i;
  }
}

/**
 * Unpacks from `reader` exactly `out.length` bytes (a whole number of words) into `out`, which
 * must be zero-filled. Throws `truncated` if the stream ends first or a run crosses the end.
 */
export async function unpackInto(reader: ByteReader, out: Uint8Array): Promise<void> {
  const decoder = new PackedDecoder(out);
  while (!decoder.done) {
    if (reader.buffered < decoder.needed && !(await reader.need(decoder.needed))) {
      throw truncated();
    }
    reader.skipTo(decoder.decode(reader.chunk, reader.at));
  }
}
