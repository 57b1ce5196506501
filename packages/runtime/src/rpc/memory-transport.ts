import type { RpcTransport, TransportReceiver } from './transport.js';

/**
 * One end of an in-memory pair: messages are copied (so the sender's buffers may be reused)
 * and delivered to the other end in order, asynchronously, as a socket would.
 */
class MemoryTransport implements RpcTransport {
  peer!: MemoryTransport;
  #receiver: TransportReceiver | null = null;
  #inbox: Uint8Array[][] = [];
  #scheduled = false;
  #closed = false;
  #ended = false;

  send(segments: readonly Uint8Array[]): void {
    if (this.#closed) return;
    this.peer.#deliver(segments.map((s) => s.slice()));
  }

  #deliver(segments: Uint8Array[]): void {
    if (this.#ended) return;
    this.#inbox.push(segments);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#scheduled || this.#receiver === null) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      const receiver = this.#receiver as TransportReceiver;
      const inbox = this.#inbox;
      this.#inbox = [];
      for (const m of inbox) if (!this.#ended) receiver.message(m);
      if (this.peer.#closed) this.#end();
    });
  }

  start(receiver: TransportReceiver): void {
    this.#receiver = receiver;
    this.#schedule();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    // The peer sees the end after what was sent before it; this end stops receiving now.
    this.peer.#schedule();
    this.#end();
  }

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#inbox = [];
    this.#closed = true;
    this.#receiver?.end();
    this.peer.#schedule();
  }
}

/** Two connected in-memory transports (for tests, and for RPC within one process). */
export function createMemoryTransportPair(): [RpcTransport, RpcTransport] {
  const a = new MemoryTransport();
  const b = new MemoryTransport();
  a.peer = b;
  b.peer = a;
  return [a, b];
}
