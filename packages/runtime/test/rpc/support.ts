/**
 * Shared by the RPC tests: the test schemas, a TypeScript Tester server, connected pairs of
 * connections over memory, and waiting for a connection's tables to empty.
 */
import * as capnp from '@capnp-kit/runtime';
import { expect } from 'vitest';

export {
  type Any,
  calculatorSchema,
  interop,
  TsCallback,
  TsCounter,
  TsTester,
} from './tester.js';

/** A client and a server connection joined in memory. */
export function memoryPair(
  serverOptions: capnp.RpcConnectionOptions,
  clientOptions: capnp.RpcConnectionOptions = {},
): { client: capnp.TwoPartyClient; server: capnp.RpcConnection; serverSide: capnp.TwoPartyServer } {
  const [a, b] = capnp.createMemoryTransportPair();
  const serverSide = new capnp.TwoPartyServer(null, serverOptions);
  const server = serverSide.accept(b);
  const client = new capnp.TwoPartyClient(a, clientOptions);
  return { client, server, serverSide };
}

const EMPTY = { questions: 0, answers: 0, imports: 0, exports: 0, embargoes: 0 };

/**
 * Lets in-flight messages (Finish, Release) arrive, then checks that both connections' tables
 * are empty. Exports of a bootstrap capability the client still holds are allowed for.
 */
export async function expectEmptyTables(
  connections: readonly capnp.RpcConnection[],
  allowed: Partial<capnp.RpcTableSizes>[] = [],
): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  connections.forEach((c, i) => {
    expect(c.tableSizes()).toEqual({ ...EMPTY, ...(allowed[i] ?? {}) });
  });
}

/**
 * A connected pair whose server-to-client messages are held until released one by one, so a
 * test can order what the client sees against what it does.
 */
export function gatedPair(serverOptions: capnp.RpcConnectionOptions): {
  client: capnp.TwoPartyClient;
  server: capnp.RpcConnection;
  held(): number;
  release(count?: number): Promise<void>;
  /** Releases what is held and stops holding. */
  open(): Promise<void>;
} {
  const [a, b] = capnp.createMemoryTransportPair();
  const heldMessages: (readonly Uint8Array[])[] = [];
  let holding = true;
  const gated: capnp.RpcTransport = {
    send: (segments) => {
      if (holding) heldMessages.push(segments.map((s) => s.slice()));
      else b.send(segments);
    },
    start: (receiver) => b.start(receiver),
    close: () => b.close(),
  };
  const server = new capnp.RpcConnection(gated, serverOptions);
  const client = new capnp.TwoPartyClient(a);
  return {
    client,
    server,
    held: () => heldMessages.length,
    async release(count?: number) {
      await settle();
      for (const m of heldMessages.splice(0, count ?? heldMessages.length)) b.send(m);
      await settle();
    },
    async open() {
      holding = false;
      await this.release();
    },
  };
}

/** Lets queued microtasks and immediate callbacks run. */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}
