import { scheduleFlush } from './flush-scheduler.js';
import { encodeFrames, FrameDecoder } from './frame-decoder.js';
import type { FrameLimits, RpcTransport, TransportReceiver } from './transport.js';

/** What the stream transport needs of a Node Duplex (net.Socket, a TLS socket, a pipe…). */
export interface DuplexLike {
  write(chunk: Uint8Array): unknown;
  end(): unknown;
  destroy(error?: Error): unknown;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
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

  constructor(stream: DuplexLike, limits: FrameLimits) {
    this.#stream = stream;
    this.#decoder = new FrameDecoder(limits);
  }

  send(segments: readonly Uint8Array[]): void {
    if (this.#closed) return;
    this.#queue.push(segments);
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
    this.#stream.write(encodeFrames(queue));
  };

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
