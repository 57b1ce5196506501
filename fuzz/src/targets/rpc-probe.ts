import type { DuplexLike, RpcTransport, TransportReceiver } from '@capnp-kit/runtime';

/**
 * Instruments for the RPC campaign's connections: a transport wrapper that counts what the
 * connection under attack was handed and records what it sent; and an
 * in-process duplex for the stream mode (the runtime's StreamTransport over it, the campaign
 * writing the hostile bytes into it).
 */

export class ProbeTransport implements RpcTransport {
  /** Frames handed to the connection (messages, and input the transport found malformed). */
  frames = 0;
  /** What the connection sent, in order. */
  readonly sent: (readonly Uint8Array[])[] = [];

  constructor(readonly inner: RpcTransport) {}

  send(segments: readonly Uint8Array[]): void {
    this.sent.push(segments);
    this.inner.send(segments);
  }

  start(receiver: TransportReceiver): void {
    this.inner.start({
      message: (segments) => {
        this.frames++;
        receiver.message(segments);
      },
      malformed: (error) => {
        this.frames++;
        receiver.malformed(error);
      },
      end: (error) => {
        receiver.end(error);
      },
      awaitsPeer: () => receiver.awaitsPeer?.() === true,
    });
  }

  close(): void {
    this.inner.close();
  }
}

type Listener = (arg: never) => void;

/**
 * The server's end of an in-process byte stream: what the peer `push`es arrives as 'data',
 * `finish` is the peer ending its side. What the server writes is counted and dropped (the
 * probe above records the messages).
 */
export class PipeDuplex implements DuplexLike {
  readonly #listeners = new Map<string, Listener[]>();
  #closed = false;
  written = 0;

  write(chunk: Uint8Array): boolean {
    this.written += chunk.length;
    return true;
  }

  end(): void {
    // Both sides have ended once the server ends its own: the stream closes, as a socket does.
    queueMicrotask(() => this.destroy());
  }

  destroy(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#emit('close');
  }

  on(event: string, listener: Listener): this {
    const list = this.#listeners.get(event) ?? [];
    list.push(listener);
    this.#listeners.set(event, list);
    return this;
  }

  /** The peer sends `chunk`. */
  push(chunk: Uint8Array): void {
    if (!this.#closed) this.#emit('data', chunk);
  }

  /** The peer ends its side. */
  finish(): void {
    if (!this.#closed) this.#emit('end');
  }

  #emit(event: string, arg?: unknown): void {
    for (const l of this.#listeners.get(event) ?? []) (l as (a: unknown) => void)(arg);
  }
}
