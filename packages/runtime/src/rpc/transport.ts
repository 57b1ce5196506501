/**
 * How a connection exchanges messages with its peer: byte streams (TCP, unix sockets, any
 * Node Duplex) carry them in the standard stream framing; WebSockets and MessagePorts carry
 * one framed message per message; the in-memory pair hands them over directly.
 */
export interface RpcTransport {
  /**
   * Queues one message (its segments) for the peer. Messages go out in the order queued; the
   * transport may batch them. The segments must not change afterwards.
   */
  send(segments: readonly Uint8Array[]): void;
  /** Starts delivering what arrives to `receiver`. Called once. */
  start(receiver: TransportReceiver): void;
  /** Closes the transport once what was queued is sent; `receiver.end` follows. Idempotent. */
  close(): void;
}

/** What a transport delivers. */
export interface TransportReceiver {
  /** One message, as its segments (views the receiver may keep). */
  message(segments: Uint8Array[]): void;
  /** Input that is not a valid frame (bad segment table, too large): nothing more is read. */
  malformed(error: Error): void;
  /** The transport ended: the peer closed it, it failed (`error`), or `close()` was called. */
  end(error?: Error): void;
  /**
   * True while this side waits for answers from the peer (calls it made that have not
   * returned): a transport with backpressure then keeps reading (see StreamTransport).
   */
  awaitsPeer?(): boolean;
}

/** Limits on incoming frames, checked before a frame's memory is allocated. */
export interface FrameLimits {
  /** Largest message accepted, in words (default 8 Mi words = 64 MiB, as C++). */
  readonly traversalLimitInWords: number;
  /**
   * Stream transports: how many bytes may wait unsent (the peer not reading them) before the
   * transport stops reading from the peer, until they drain (default 1 MiB,
   * {@link DEFAULT_HIGH_WATER_BYTES}).
   */
  readonly highWaterBytes?: number;
}

/** Default {@link FrameLimits.highWaterBytes}. */
export const DEFAULT_HIGH_WATER_BYTES = 1024 * 1024;
