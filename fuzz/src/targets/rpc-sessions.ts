import {
  createMemoryTransportPair,
  type RpcTransport,
  TwoPartyClient,
  TwoPartyServer,
} from '@capnp-kit/runtime';
import { framed } from './rpc-input.js';
import { type Any, interopSchema } from './rpc-schemas.js';
import { newCallback, newFuzzTester, newRestore, PendingRegistry } from './rpc-tester.js';
import { settle } from './rpc-waits.js';

/**
 * Sessions of a well-behaved TwoPartyClient with the campaign's server, recorded as the frames
 * the client sent: the seed corpus's realistic part (calls with params and capabilities, cap
 * descriptors of every kind, pipelining, Finish, Release, Resolve, Disembargo, Returns to the
 * server's callbacks). Replayed a frame per event-loop turn against a fresh connection, each
 * is served as it was recorded (the IDs are deterministic).
 */

interface Session {
  readonly name: string;
  run(client: TwoPartyClient): Promise<void>;
}

function tester(client: TwoPartyClient): Any {
  return client.bootstrap().castAs(interopSchema().Tester);
}

export const SESSIONS: readonly Session[] = [
  {
    name: 'add',
    async run(client) {
      using t = tester(client);
      await t.add(2, 3);
    },
  },
  {
    name: 'pipeline',
    async run(client) {
      using t = tester(client);
      using a = t.self();
      using b = a.tester.self();
      using c = b.tester;
      await c.add(1, 1);
      a.tester.release();
    },
  },
  {
    name: 'callback',
    async run(client) {
      using t = tester(client);
      await t.callBack(newCallback(), 3);
    },
  },
  {
    name: 'call-order',
    async run(client) {
      using t = tester(client);
      await t.callOrder(newCallback(), 10, 4);
    },
  },
  {
    name: 'reflect',
    async run(client) {
      using t = tester(client);
      using back = t.reflect(newCallback());
      using cap = back.cap;
      await Promise.all([cap.call(1), cap.call(2)]);
      await cap.call(3);
    },
  },
  {
    name: 'counter',
    async run(client) {
      using t = tester(client);
      using made = t.newCounter();
      using counter = made.counter;
      await Promise.all([counter.next(), counter.next(), counter.next()]);
    },
  },
  {
    name: 'stream',
    async run(client) {
      using t = tester(client);
      for (let i = 0; i < 6; i++) await t.write(new Uint8Array(1000).fill(i));
      await t.written();
    },
  },
  {
    name: 'cancel',
    async run(client) {
      using t = tester(client);
      const abort = new AbortController();
      const hang = t.hang({ signal: abort.signal });
      await settle(2);
      abort.abort();
      await hang.catch(() => {});
      await t.cancelled();
    },
  },
  {
    name: 'fail',
    async run(client) {
      using t = tester(client);
      for (let type = 0; type < 4; type++) await t.fail(`failure ${type}`, type).catch(() => {});
    },
  },
  {
    name: 'echo-segments',
    async run(client) {
      using t = tester(client);
      await t.echo(Uint8Array.from({ length: 3000 }, (_, i) => i & 255));
      await t.echo(new Uint8Array(0));
    },
  },
  {
    name: 'restore',
    async run(client) {
      using t = client.ezRestore('tester').castAs(interopSchema().Tester);
      using c = client.ezRestore('counter').castAs(interopSchema().Counter);
      using later = client.ezRestore('later').castAs(interopSchema().Tester);
      using missing = client.ezRestore('missing').castAs(interopSchema().Tester);
      await t.add(1, 2);
      await c.next().catch(() => {});
      await later.add(3, 4);
      await missing.add(5, 6).catch(() => {});
    },
  },
  {
    name: 'caps-back',
    async run(client) {
      // Capabilities of the server sent back to it: one it exported (receiverHosted), one in
      // the results of a call not yet returned (receiverAnswer).
      using t = tester(client);
      using reflected = t.reflect(newCallback());
      using pending = reflected.cap;
      await t.callBack(pending, 2);
      await t.callBack(t, 1).catch(() => {});
    },
  },
  {
    name: 'promise-param',
    async run(client) {
      // A promise of another connection's capability sent as a param (senderPromise): this
      // side resolves it later (Resolve) and forwards the server's calls.
      const inner = new TwoPartyServer(null, { bootstrap: newCallback() });
      const [a, b] = createMemoryTransportPair();
      inner.accept(b);
      const other = new TwoPartyClient(a);
      using t = tester(client);
      using remote = other.bootstrap().castAs(interopSchema().Callback);
      await t.callBack(remote, 2);
      await other.close();
      await inner.close();
    },
  },
];

/** The frames the client sent during `session` (framed, in order). */
export async function recordSession(session: Session): Promise<Uint8Array[]> {
  const registry = new PendingRegistry();
  const t = newFuzzTester(registry);
  const server = new TwoPartyServer(null, { bootstrap: t, restore: newRestore(t) });
  const [a, b] = createMemoryTransportPair();
  server.accept(b);
  const frames: Uint8Array[] = [];
  const recording: RpcTransport = {
    send(segments) {
      frames.push(framed(segments));
      a.send(segments);
    },
    start: (receiver) => a.start(receiver),
    close: () => a.close(),
  };
  const client = new TwoPartyClient(recording);
  try {
    await session.run(client);
    await settle(6);
  } finally {
    await client.close();
    await server.close();
  }
  return frames;
}
