import { scheduleFlush } from './flush-scheduler.js';
import { encodeFrames, FrameDecoder } from './frame-decoder.js';
import {
  DEFAULT_HIGH_WATER_BYTES,
  type FrameLimits,
  type RpcTransport,
  type TransportReceiver,
} from './transport.js';

/** What the stream transport needs of a Node Duplex (net.Socket, a TLS socket, a pipe…). */
export interface DuplexLike {
  write(chunk: Uint8Array): unknown;
  end(): unknown;
  destroy(error?: Error): unknown;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end' | 'close' | 'drain', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  /** Backpressure (all three, or none): stop and restart 'data', and the bytes not yet sent. */
  pause?(): unknown;
  resume?(): unknown;
  readonly writableLength?: number;
}

/** True if `v` looks like a Node Duplex stream. */
export function isDuplexLike(v: unknown): v is DuplexLike {
  const d = v as Partial<DuplexLike> | null;
  return (
    typeof d === 'object' &&
    d !== null &&
    typeof d.write === 'function' &&
    typeof d.on === 'function' &&
    typeof d.end === 'function'
  );
}

/**
 * Messages over a byte stream in the standard framing. Messages queued in the same turn of
 * the event loop go out in one write (one system call for a burst of calls); input is split
 * into frames as it arrives (see FrameDecoder).
 *
 * Backpressure: when more than `highWaterBytes` wait unsent in the stream — the peer is not
 * reading what this side answers — the transport stops reading from the stream until it
 * drains, so a peer that sends calls without reading their results cannot make this side
 * buffer without bound. What was read before the pause is still handled (a chunk of input: 64
 * KiB for a Node socket, and its results). It never stops reading while this side awaits
 * answers of its own (`receiver.awaitsPeer()`): those may be behind what the peer sends, and
 * two peers answering each other's calls must not both stop reading (a deadlock). A peer that
 * keeps one of this side's calls unanswered therefore keeps it reading.
 */
export class StreamTransport implements RpcTransport {
  readonly #stream: DuplexLike;
  readonly #decoder: FrameDecoder;
  #queue: (readonly Uint8Array[])[] = [];
  #flushing = false;
  #receiver: TransportReceiver | null = null;
  #closed = false;
  #ended = false;
  #reported = false;
  readonly #highWater: number;
  #paused = false;

  constructor(stream: DuplexLike, limits: FrameLimits) {
    this.#stream = stream;
    this.#decoder = new FrameDecoder(limits);
    this.#highWater = limits.highWaterBytes ?? DEFAULT_HIGH_WATER_BYTES;
  }

  send(segments: readonly Uint8Array[]): void {
    if (this.#closed) return;
    this.#queue.push(segments);
    // A call of this side's own while paused: its answer may be behind what waits unread.
    if (this.#paused && this.#receiver?.awaitsPeer?.() === true) this.#resume();
    if (!this.#flushing) {
      this.#flushing = true;
      scheduleFlush(this.#flush);
    }
  }

  readonly #flush = (): void => {
    this.#flushing = false;
    const queue = this.#queue;
    if (queue.length === 0) return;
    this.#queue = [];
    const accepted = this.#stream.write(encodeFrames(queue));
    // `false`: the stream is over its own mark and will say 'drain'.
    if (
      accepted === false &&
      !this.#paused &&
      (this.#stream.writableLength ?? 0) > this.#highWater &&
      this.#receiver?.awaitsPeer?.() !== true &&
      typeof this.#stream.pause === 'function' &&
      typeof this.#stream.resume === 'function'
    ) {
      this.#paused = true;
      this.#stream.pause();
    }
  };

  #resume(): void {
    this.#paused = false;
    this.#stream.resume?.();
  }

  start(receiver: TransportReceiver): void {
    this.#receiver = receiver;
    const deliver = (segments: Uint8Array[]) => receiver.message(segments);
    this.#stream.on('data', (chunk) => {
      if (this.#ended) return;
      try {
        this.#decoder.push(chunk, deliver);
      } catch (e) {
        this.#ended = true;
        receiver.malformed(e as Error);
      }
    });
    this.#stream.on('drain', () => {
      if (this.#paused) this.#resume();
    });
    this.#stream.on('error', (error) => this.#end(error));
    this.#stream.on('end', () => {
      if (this.#decoder.midFrame && !this.#ended) {
        this.#end(new Error('The stream ended in the middle of a message.'));
      } else this.#end();
    });
    this.#stream.on('close', () => this.#end());
  }

  #end(error?: Error): void {
    this.#ended = true;
    this.close();
    if (this.#reported) return;
    this.#reported = true;
    this.#receiver?.end(error);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#flush();
    this.#stream.end();
  }
}
