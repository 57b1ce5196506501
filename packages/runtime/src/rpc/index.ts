/**
 * Cap'n Proto RPC (rpc.capnp level 1, two-party), the parts that run anywhere: clients,
 * servers, connections, and transports over streams, WebSockets, MessagePorts and memory. The
 * Node entry replaces TwoPartyClient/TwoPartyServer with versions that also take addresses.
 */
export { Capability } from './capability.js';
export {
  type RestoreFunction,
  RpcConnection,
  type RpcConnectionOptions,
  type RpcTableSizes,
} from './connection.js';
export { createMemoryTransportPair } from './memory-transport.js';
export { type MessagePortLike, MessagePortTransport } from './message-port-transport.js';
export type { CallOptions } from './request.js';
export { RpcError, type RpcErrorCode, type RpcErrorType } from './rpc-error.js';
export { Server } from './server.js';
export { type DuplexLike, StreamTransport } from './stream-transport.js';
export type { FrameLimits, RpcTransport, TransportReceiver } from './transport.js';
export type { TransportLike } from './transport-of.js';
export {
  type ListeningAddress,
  TwoPartyClient,
  type TwoPartyClientOptions,
  TwoPartyServer,
  type TwoPartyServerOptions,
} from './two-party.js';
export { type WebSocketLike, WebSocketTransport } from './websocket-transport.js';
