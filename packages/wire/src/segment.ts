/**
 * One segment of a message: a run of 8-byte words. Readers wrap input bytes without copying;
 * builders own fixed-capacity segments and track how many words are in use (segments never
 * grow in place, so offsets held by builders stay valid, as in the reference's builder).
 */
export class Segment {
  /** Little-endian accessors over `bytes`; every access passes `true` for little-endian. */
  readonly view: DataView;

  /**
   * @param id index of the segment in its message (what far pointers name).
   * @param bytes the segment's bytes; a builder's capacity is `bytes.length / 8` words.
   * @param used words in use (builders); readers set it to the segment's size.
   */
  constructor(
    readonly id: number,
    readonly bytes: Uint8Array,
    public used: number = bytes.length >>> 3,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Capacity in words. */
  get capacity(): number {
    return this.bytes.length >>> 3;
  }

  /**
   * Reserves `words` words at the end of the used part and returns the word index of the first,
   * or -1 when the segment is too full (the caller then moves to another segment).
   */
  tryAllocate(words: number): number {
    const at = this.used;
    if (at + words > this.bytes.length >>> 3) return -1;
    this.used = at + words;
    return at;
  }

  /** The used part of the segment (a view, not a copy). */
  usedBytes(): Uint8Array {
    return this.bytes.subarray(0, this.used * 8);
  }
}
