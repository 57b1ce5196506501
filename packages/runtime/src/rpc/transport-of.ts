import { CapnpError } from '../errors.js';
import {
  isMessagePortLike,
  type MessagePortLike,
  MessagePortTransport,
} from './message-port-transport.js';
import { type DuplexLike, isDuplexLike, StreamTransport } from './stream-transport.js';
import type { FrameLimits, RpcTransport } from './transport.js';
import { isWebSocketLike, type WebSocketLike, WebSocketTransport } from './websocket-transport.js';

/** Anything a connection can run over: a transport, a Node Duplex, a WebSocket or a MessagePort. */
export type TransportLike = RpcTransport | DuplexLike | WebSocketLike | MessagePortLike;

function isTransport(v: unknown): v is RpcTransport {
  const t = v as Partial<RpcTransport> | null;
  return (
    typeof t === 'object' &&
    t !== null &&
    typeof t.send === 'function' &&
    typeof t.start === 'function' &&
    typeof t.close === 'function'
  );
}

/** The transport for `v`, by what it looks like. */
export function transportOf(v: unknown, limits: FrameLimits): RpcTransport {
  if (isTransport(v)) return v;
  if (isWebSocketLike(v)) return new WebSocketTransport(v, limits);
  if (isDuplexLike(v)) return new StreamTransport(v, limits);
  if (isMessagePortLike(v)) return new MessagePortTransport(v, limits);
  throw new CapnpError(
    'invalid-value',
    'Expected an address, a Node stream (Duplex), a WebSocket, a MessagePort or an RpcTransport.',
  );
}
