import { createConnection, createServer, type Socket } from 'node:net';
import { CapnpError } from '../../errors.js';
import type { ListeningAddress } from '../two-party.js';

/** Where to connect or listen: a TCP host and port, or a unix socket path. */
export type SocketAddress =
  | { readonly kind: 'tcp'; readonly host: string | undefined; readonly port: number }
  | { readonly kind: 'unix'; readonly path: string };

/**
 * Parses an address as pycapnp takes them: `host:port`, `[ipv6]:port`, `*:port` (listen on
 * every interface), `unix:/path` or a path containing `/` (a unix socket).
 */
export function parseAddress(address: string): SocketAddress {
  if (address.startsWith('unix:')) return { kind: 'unix', path: address.slice(5) };
  if (address.includes('/')) return { kind: 'unix', path: address };
  const colon = address.lastIndexOf(':');
  const portText = colon < 0 ? '' : address.slice(colon + 1);
  const port = Number(portText);
  if (colon < 0 || portText === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CapnpError(
      'invalid-value',
      `Expected an address 'host:port' or a unix socket path, got '${address}'.`,
    );
  }
  let host = address.slice(0, colon);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return { kind: 'tcp', host: host === '' || host === '*' ? undefined : host, port };
}

/** A socket connecting to `address` (writes made before it connects are buffered). */
export function connectSocket(address: string): Socket {
  const a = parseAddress(address);
  const socket =
    a.kind === 'unix'
      ? createConnection({ path: a.path })
      : createConnection({ host: a.host ?? 'localhost', port: a.port });
  // RPC messages are small and latency-bound: send them without Nagle's delay.
  if (a.kind === 'tcp') socket.setNoDelay(true);
  return socket;
}

/**
 * Listens on `address`, handing every accepted socket to `accept`. `stop` closes the listener
 * and, once their connections have had the chance to close them, the remaining sockets.
 */
export function listenSocket(
  address: string,
  accept: (socket: Socket) => void,
): { listening: Promise<ListeningAddress>; stop(): Promise<void> } {
  const a = parseAddress(address);
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    if (a.kind === 'tcp') socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    accept(socket);
  });
  const listening = new Promise<ListeningAddress>((resolve, reject) => {
    server.once('error', reject);
    const ready = () => {
      server.off('error', reject);
      const bound = server.address();
      resolve(
        typeof bound === 'object' && bound !== null
          ? { port: bound.port, address: bound.address }
          : { port: 0, address: a.kind === 'unix' ? a.path : undefined },
      );
    };
    if (a.kind === 'unix') server.listen(a.path, ready);
    else server.listen(a.port, a.host, ready);
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) {
        resolve();
        return;
      }
      server.close(() => resolve());
      // Connections end their sockets when they close; a peer that does not close its side
      // must not keep the server open.
      setImmediate(() => {
        for (const s of sockets) s.destroy();
      });
    });
  return { listening, stop };
}
