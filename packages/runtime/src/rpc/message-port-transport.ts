import { decodeFrame } from '@capnp-kit/wire';
import { scheduleFlush } from './flush-scheduler.js';
import { encodeFrames } from './frame-decoder.js';
import type { FrameLimits, RpcTransport, TransportReceiver } from './transport.js';

/**
 * What the transport needs of a MessagePort (browsers, workers, Node's worker_threads) or of
 * anything posting messages like one (a Worker, a worker's `self`): DOM-style events, or
 * Node-style `on('message', value => …)`.
 */
export type MessagePortLike = {
  postMessage(message: unknown, transfer?: readonly ArrayBuffer[]): void;
  start?(): void;
  close?(): void;
} & (
  | { addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void }
  | { on(event: 'message', listener: (value: unknown) => void): unknown }
);

/** True if `v` looks like a MessagePort. */
export function isMessagePortLike(v: unknown): v is MessagePortLike {
  const p = v as { postMessage?: unknown; addEventListener?: unknown; on?: unknown } | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof p.postMessage === 'function' &&
    (typeof p.addEventListener === 'function' || typeof p.on === 'function')
  );
}

/** The message that tells the other end this one closed (a port has no close event everywhere). */
const CLOSE = 'capnp-kit:close';

/**
 * Messages over a MessagePort: the messages queued in one turn go as one posted array of
 * framed buffers, transferred (not copied). A posted `CLOSE` marker ends the connection.
 */
export class MessagePortTransport implements RpcTransport {
  readonly #port: MessagePortLike;
  readonly #limitWords: number;
  #queue: (readonly Uint8Array[])[] = [];
  #flushing = false;
  #receiver: TransportReceiver | null = null;
  #closed = false;
  #reported = false;

  constructor(port: MessagePortLike, limits: FrameLimits) {
    this.#port = port;
    this.#limitWords = limits.traversalLimitInWords;
  }

  send(segments: readonly Uint8Array[]): void {
    if (this.#closed) return;
    this.#queue.push(segments);
    if (!this.#flushing) {
      this.#flushing = true;
      scheduleFlush(() => this.#flush());
    }
  }

  #flush(): void {
    this.#flushing = false;
    const queue = this.#queue;
    if (queue.length === 0) return;
    this.#queue = [];
    const frames = queue.map((segments) => encodeFrames([segments]).buffer as ArrayBuffer);
    this.#port.postMessage(frames, frames);
  }

  start(receiver: TransportReceiver): void {
    this.#receiver = receiver;
    const onData = (data: unknown) => {
      if (this.#reported) return;
      if (data === CLOSE) {
        this.#end();
        return;
      }
      try {
        if (!Array.isArray(data)) throw new Error('A port message was not a list of frames.');
        for (const buffer of data) {
          if (!(buffer instanceof ArrayBuffer)) throw new Error('A frame was not an ArrayBuffer.');
          const bytes = new Uint8Array(buffer);
          const frame = decodeFrame(bytes, 0, this.#limitWords);
          if (frame.byteLength !== bytes.length) throw new Error('A frame had trailing bytes.');
          receiver.message(frame.segments);
          if (this.#reported) return;
        }
      } catch (e) {
        receiver.malformed(e as Error);
      }
    };
    const port = this.#port;
    // Node's ports are EventEmitters (`on` hands over the value and starts the port).
    if ('on' in port && typeof port.on === 'function') port.on('message', onData);
    else if ('addEventListener' in port) {
      port.addEventListener('message', (event) => onData(event.data));
      port.start?.();
    }
  }

  #end(): void {
    this.close();
    if (this.#reported) return;
    this.#reported = true;
    this.#receiver?.end();
  }

  close(): void {
    if (this.#closed) return;
    this.#flush();
    this.#closed = true;
    this.#port.postMessage(CLOSE);
    // Let the marker go out before the port is closed.
    queueMicrotask(() => {
      this.#port.close?.();
      this.#end();
    });
  }
}
