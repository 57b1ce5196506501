import type { WebSocketLike } from '@capnp-kit/runtime';

/** A frame seen on the wire: which way it went, when, and its bytes. */
export interface Frame {
  readonly direction: 'out' | 'in';
  /** `performance.now()` when it was sent or received. */
  readonly time: number;
  readonly bytes: Uint8Array;
}

function bytesOf(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data))
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

/**
 * A browser WebSocket that reports every binary message to `onFrame` before handing it on —
 * each is one RPC message, so the page can show the calls as they cross the wire. It has the
 * shape the runtime's WebSocket transport takes (`WebSocketLike`).
 */
export class LoggedSocket implements WebSocketLike {
  readonly #socket: WebSocket;
  readonly #onFrame: (frame: Frame) => void;

  constructor(socket: WebSocket, onFrame: (frame: Frame) => void) {
    this.#socket = socket;
    this.#onFrame = onFrame;
  }

  get binaryType(): string {
    return this.#socket.binaryType;
  }

  set binaryType(value: string) {
    this.#socket.binaryType = value as BinaryType;
  }

  get readyState(): number {
    return this.#socket.readyState;
  }

  send(data: Uint8Array): void {
    this.#onFrame({ direction: 'out', time: performance.now(), bytes: data.slice() });
    this.#socket.send(data as Uint8Array<ArrayBuffer>);
  }

  close(code?: number, reason?: string): void {
    this.#socket.close(code, reason);
  }

  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'open' | 'close', listener: () => void): void;
  addEventListener(type: 'error', listener: (event: unknown) => void): void;
  addEventListener(type: string, listener: (event: { data: unknown }) => void): void {
    if (type !== 'message') {
      this.#socket.addEventListener(type, listener as () => void);
      return;
    }
    this.#socket.addEventListener('message', (event: MessageEvent) => {
      const bytes = bytesOf(event.data);
      if (bytes !== null)
        this.#onFrame({ direction: 'in', time: performance.now(), bytes: bytes.slice() });
      listener(event);
    });
  }
}
