import { decodeFrame } from '@capnp-kit/wire';
import { encodeFrames } from './frame-decoder.js';
import type { FrameLimits, RpcTransport, TransportReceiver } from './transport.js';

/**
 * What the transport needs of a WebSocket: the WHATWG interface of browsers, Node 22's global
 * WebSocket, undici's and the `ws` package's.
 */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'open' | 'close', listener: () => void): void;
  addEventListener(type: 'error', listener: (event: unknown) => void): void;
}

const CONNECTING = 0;
const OPEN = 1;

/** True if `v` looks like a WebSocket. */
export function isWebSocketLike(v: unknown): v is WebSocketLike {
  const w = v as Partial<WebSocketLike> | null;
  return (
    typeof w === 'object' &&
    w !== null &&
    typeof w.send === 'function' &&
    typeof w.addEventListener === 'function' &&
    'binaryType' in w &&
    typeof w.readyState === 'number'
  );
}

function bytesOf(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data))
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

/**
 * Messages over a WebSocket: each binary WebSocket message holds exactly one message in the
 * standard framing (as Cap'n Proto's C++ WebSocket transport sends them). Messages queued
 * while the socket is still connecting go out when it opens.
 */
export class WebSocketTransport implements RpcTransport {
  readonly #socket: WebSocketLike;
  readonly #limitWords: number;
  #pending: Uint8Array[] = [];
  #receiver: TransportReceiver | null = null;
  #closed = false;
  #reported = false;

  constructor(socket: WebSocketLike, limits: FrameLimits) {
    this.#socket = socket;
    this.#limitWords = limits.traversalLimitInWords;
    socket.binaryType = 'arraybuffer';
  }

  send(segments: readonly Uint8Array[]): void {
    if (this.#closed) return;
    const frame = encodeFrames([segments]);
    if (this.#socket.readyState === CONNECTING) this.#pending.push(frame);
    else if (this.#socket.readyState === OPEN) this.#socket.send(frame);
  }

  start(receiver: TransportReceiver): void {
    this.#receiver = receiver;
    const socket = this.#socket;
    socket.addEventListener('open', () => {
      const pending = this.#pending;
      this.#pending = [];
      for (const frame of pending) socket.send(frame);
      if (this.#closed) socket.close(1000);
    });
    socket.addEventListener('message', (event) => {
      if (this.#reported) return;
      const bytes = bytesOf(event.data);
      try {
        if (bytes === null) throw new Error('A WebSocket message was not binary.');
        const frame = decodeFrame(bytes, 0, this.#limitWords);
        if (frame.byteLength !== bytes.length) {
          throw new Error("A WebSocket message held more than one Cap'n Proto message.");
        }
        receiver.message(frame.segments);
      } catch (e) {
        receiver.malformed(e as Error);
      }
    });
    socket.addEventListener('error', () => this.#end(new Error('WebSocket error.')));
    socket.addEventListener('close', () => this.#end());
  }

  #end(error?: Error): void {
    this.close();
    if (this.#reported) return;
    this.#reported = true;
    this.#receiver?.end(error);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#socket.readyState === OPEN) this.#socket.close(1000);
  }
}
