import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import * as capnp from '@capnp-kit/runtime';
import { describe, expect, it } from 'vitest';
import { startWebSocketServer } from './mini-websocket.js';
import { type Any, expectEmptyTables, interop, settle, TsTester } from './support.js';

async function exercise(client: capnp.TwoPartyClient): Promise<void> {
  using t = client.bootstrap().castAs(interop.Tester);
  expect((await t.add(2, 3)).sum).toBe(5);
  using p = t.newCounter();
  using counter = p.counter;
  expect((await counter.next()).value).toBe(1);
  const big = new Uint8Array(2 * 1024 * 1024 + 8);
  big[big.length - 1] = 7;
  using echoed = await t.echo(big);
  expect(echoed.data.length).toBe(big.length);
  expect(echoed.data[big.length - 1]).toBe(7);
}

describe('transports', () => {
  it('TCP: host:port, *:port and an existing Node socket', async () => {
    const server = new capnp.TwoPartyServer('*:0', { bootstrap: new TsTester() });
    const { port } = await server.listening;
    const byAddress = new capnp.TwoPartyClient(`localhost:${port}`);
    await exercise(byAddress);
    await expectEmptyTables([byAddress.connection]);
    await byAddress.close();
    const socket = connect({ host: '127.0.0.1', port });
    const bySocket = new capnp.TwoPartyClient(socket);
    await exercise(bySocket);
    await bySocket.close();
    await server.close();
    expect(server.connections.size).toBe(0);
  });

  it('unix domain sockets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'capnp-kit-rpc-'));
    try {
      const path = join(dir, 'rpc.sock');
      const server = new capnp.TwoPartyServer(`unix:${path}`, { bootstrap: new TsTester() });
      expect((await server.listening).address).toBe(path);
      const client = new capnp.TwoPartyClient(path);
      await exercise(client);
      await client.close();
      await server.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a refused connection as disconnected', async () => {
    const server = new capnp.TwoPartyServer('127.0.0.1:0', { bootstrap: new TsTester() });
    const { port } = await server.listening;
    await server.close();
    const client = new capnp.TwoPartyClient(`127.0.0.1:${port}`);
    using t = client.bootstrap().castAs(interop.Tester);
    await expect(t.add(1, 1)).rejects.toMatchObject({ type: 'disconnected' });
    expect((await client.onDisconnect).message).toMatch(/Connection failed: .*ECONNREFUSED/);
  });

  it('rejects an address that is not host:port or a path', () => {
    expect(() => new capnp.TwoPartyClient('no-port-here')).toThrow(
      "Expected an address 'host:port' or a unix socket path, got 'no-port-here'.",
    );
  });

  it('MessagePort (worker_threads MessageChannel)', async () => {
    const { port1, port2 } = new MessageChannel();
    const server = new capnp.TwoPartyServer(port1, { bootstrap: new TsTester() });
    const client = new capnp.TwoPartyClient(port2);
    await exercise(client);
    await client.close();
    const [connection] = server.connections;
    await connection?.closed;
    expect(server.connections.size).toBe(0);
  });

  it('in-memory pair', async () => {
    const [a, b] = capnp.createMemoryTransportPair();
    const server = new capnp.TwoPartyServer(b, { bootstrap: new TsTester() });
    const client = new capnp.TwoPartyClient(a);
    await exercise(client);
    await client.close();
    await settle();
    expect(server.connections.size).toBe(0);
  });

  it('WebSocket: Node’s built-in client against a WebSocket server', async () => {
    const { port, server } = await startWebSocketServer((socket) => rpcServer.accept(socket));
    const rpcServer = new capnp.TwoPartyServer(null, { bootstrap: new TsTester() });
    try {
      const tsx = createRequire(
        join(import.meta.dirname, '../../../../examples/package.json'),
      ).resolve('tsx');
      const child = spawn(
        process.execPath,
        [
          // Node 20 has its WebSocket client behind a flag; later versions have it by default.
          ...(typeof globalThis.WebSocket === 'undefined' ? ['--experimental-websocket'] : []),
          '--no-warnings',
          '--conditions=source',
          '--import',
          tsx,
          join(import.meta.dirname, 'fixtures/websocket-client.ts'),
          `ws://127.0.0.1:${port}/`,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => {
        out += d;
      });
      child.stderr.on('data', (d) => {
        err += d;
      });
      const code = await new Promise((resolve) => child.on('close', resolve));
      expect(err).toBe('');
      expect(code).toBe(0);
      expect(JSON.parse(out)).toEqual({ sum: 42, same: true, pipelined: 1 });
    } finally {
      await rpcServer.close();
      server.close();
    }
  }, 60_000);

  it('WebSocket: a message that is not one binary frame aborts the connection', async () => {
    const sent: Any[] = [];
    const listeners: Record<string, ((e: Any) => void)[]> = {};
    const socket = {
      binaryType: 'blob',
      readyState: 1,
      send: (data: Uint8Array) => sent.push(data),
      close: () => {},
      addEventListener: (type: string, l: (e: Any) => void) => {
        listeners[type] = [...(listeners[type] ?? []), l];
      },
    };
    const server = new capnp.TwoPartyServer(socket, { bootstrap: new TsTester() });
    expect(socket.binaryType).toBe('arraybuffer');
    for (const l of listeners.message ?? []) l({ data: 'text, not binary' });
    await settle();
    expect(server.connections.size).toBe(0);
    expect(sent.length).toBe(1); // the Abort
  });
});
