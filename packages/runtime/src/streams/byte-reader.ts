import type { ChunkSource } from './sources.js';

const EMPTY = new Uint8Array(0);

/**
 * Reads bytes from a chunked stream exactly as far as asked, keeping what it pulled past that
 * for the next request (and, on {@link release}, for whoever reads the stream next). Bytes are
 * copied out of chunks, never aliased, so a source may reuse its buffers.
 */
export class ByteReader {
  /** The chunk being consumed and the position in it. */
  #chunk: Uint8Array = EMPTY;
  #at = 0;
  /** Chunks pulled but not yet current (the tails of chunks split by {@link need}). */
  readonly #queue: Uint8Array[] = [];
  #released = false;

  constructor(readonly source: ChunkSource) {}

  /** The current chunk: bytes from {@link at} on are unread (at least {@link need}'s `n`). */
  get chunk(): Uint8Array {
    return this.#chunk;
  }

  /** Position of the first unread byte of {@link chunk}. */
  get at(): number {
    return this.#at;
  }

  /** Unread bytes in the current chunk. */
  get buffered(): number {
    return this.#chunk.length - this.#at;
  }

  /** Marks the bytes of the current chunk before `at` as read. */
  skipTo(at: number): void {
    this.#at = at;
  }

  async #nextChunk(): Promise<Uint8Array | null> {
    const queued = this.#queue.shift();
    if (queued !== undefined) return queued;
    for (;;) {
      const chunk = await this.source.next();
      if (chunk === null || chunk.length > 0) return chunk;
    }
  }

  /**
   * Makes at least `n` unread bytes contiguous in {@link chunk}; false if the stream ends first.
   * Only the few bytes that straddle two chunks are copied (callers ask for at most one packed
   * word, ten bytes), not the whole next chunk.
   */
  async need(n: number): Promise<boolean> {
    while (this.buffered < n) {
      const next = await this.#nextChunk();
      if (next === null) return false;
      const rest = this.buffered;
      if (rest === 0) {
        this.#chunk = next;
        this.#at = 0;
        continue;
      }
      const take = Math.min(n - rest, next.length);
      const stitched = new Uint8Array(rest + take);
      stitched.set(this.#chunk.subarray(this.#at));
      stitched.set(next.subarray(0, take), rest);
      this.#chunk = stitched;
      this.#at = 0;
      if (take < next.length) this.#queue.unshift(next.subarray(take));
    }
    return true;
  }

  /** Fills `dest` from the stream; returns how many bytes it got (fewer only at the end). */
  async readInto(dest: Uint8Array): Promise<number> {
    let filled = 0;
    while (filled < dest.length) {
      if (this.buffered === 0) {
        const next = await this.#nextChunk();
        if (next === null) break;
        this.#chunk = next;
        this.#at = 0;
      }
      const take = Math.min(dest.length - filled, this.buffered);
      dest.set(this.#chunk.subarray(this.#at, this.#at + take), filled);
      this.#at += take;
      filled += take;
    }
    return filled;
  }

  /** True if the stream has no more bytes (waits for the next chunk to know). */
  async atEnd(): Promise<boolean> {
    return !(await this.need(1));
  }

  /** Hands the unread bytes back to the source; the reader must not be used afterwards. */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    const leftover = this.buffered > 0 ? [this.#chunk.subarray(this.#at)] : [];
    leftover.push(...this.#queue);
    this.#chunk = EMPTY;
    this.#at = 0;
    this.source.release(leftover);
  }
}
