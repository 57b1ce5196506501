import * as capnp from '@capnp-kit/runtime';
import { describe, expect, it } from 'vitest';
import {
  type Any,
  expectEmptyTables,
  interop,
  memoryPair,
  settle,
  TsCallback,
  TsCounter,
  TsTester,
} from './support.js';

describe('RPC over an in-memory connection', () => {
  it('calls a method (short form and request builder) and reads the results', async () => {
    const { client, server } = memoryPair({ bootstrap: new TsTester() });
    {
      using tester = client.bootstrap().castAs(interop.Tester);
      using r1 = await tester.add(2, 40);
      expect(r1.sum).toBe(42);
      const req = tester.addRequest();
      req.a = -5;
      req.b = 3;
      using r2 = await req.send();
      expect(r2.sum).toBe(-2);
    }
    await expectEmptyTables([client.connection, server]);
    await client.close();
  });

  it('pipelines calls on capabilities of results not yet returned', async () => {
    const { client, server } = memoryPair({ bootstrap: new TsTester() });
    {
      using tester = client.bootstrap().castAs(interop.Tester);
      using p = tester.newCounter();
      using counter = p.counter;
      const values = await Promise.all([counter.next(), counter.next(), counter.next()]);
      expect(values.map((v: Any) => v.value)).toEqual([1, 2, 3]);
      // A chain of pipelined calls: self().tester.self().tester.add(…)
      using s1 = tester.self();
      using t1 = s1.tester;
      using s2 = t1.self();
      using t2 = s2.tester;
      expect((await t2.add(1, 2)).sum).toBe(3);
    }
    await expectEmptyTables([client.connection, server]);
    await client.close();
  });

  it('passes capabilities both ways: the server calls back into the client', async () => {
    const { client, server } = memoryPair({ bootstrap: new TsTester() });
    const callback = new TsCallback(10);
    {
      using tester = client.bootstrap().castAs(interop.Tester);
      using r = await tester.callBack(callback, 5);
      expect(r.sum).toBe(150n);
      expect([...callback.seen].sort()).toEqual([1, 2, 3, 4, 5]);
    }
    await expectEmptyTables([client.connection, server]);
    await client.close();
  });

  it('reports server errors as RpcError with their type and message', async () => {
    const { client } = memoryPair({ bootstrap: new TsTester() });
    using tester = client.bootstrap().castAs(interop.Tester);
    for (const type of ['failed', 'overloaded', 'disconnected', 'unimplemented'] as const) {
      const e = await tester.fail(`boom ${type}`, type).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(capnp.RpcError);
      expect(e).toMatchObject({ type, message: `boom ${type}`, code: 'remote' });
      expect((e as capnp.RpcError).remoteTrace).toBeUndefined();
    }
    await client.close();
  });

  it('answers unimplemented for methods a server does not define and unknown interfaces', async () => {
    class Partial extends interop.Tester.Server {
      add({ a, b }: Any) {
        return a + b;
      }
    }
    const { client } = memoryPair({ bootstrap: new Partial() });
    using tester = client.bootstrap().castAs(interop.Tester);
    await expect(tester.echo(new Uint8Array(1))).rejects.toMatchObject({
      type: 'unimplemented',
      message: 'Method not implemented.',
    });
    using asCounter = tester.castAs(interop.Counter);
    await expect(asCounter.next()).rejects.toMatchObject({ type: 'unimplemented' });
    expect((await tester.add(1, 1)).sum).toBe(2);
    await client.close();
  });

  it('sends stack traces only when the server opts in', async () => {
    class Thrower extends interop.Tester.Server {
      add() {
        throw new Error('no adding today');
      }
    }
    const quiet = memoryPair({ bootstrap: new Thrower() });
    const loud = memoryPair({ bootstrap: new Thrower(), sendStackTraces: true });
    using a = quiet.client.bootstrap().castAs(interop.Tester);
    using b = loud.client.bootstrap().castAs(interop.Tester);
    const ea = (await a.add(1, 2).catch((e: unknown) => e)) as capnp.RpcError;
    const eb = (await b.add(1, 2).catch((e: unknown) => e)) as capnp.RpcError;
    expect(ea.message).toBe('no adding today');
    expect(ea.remoteTrace).toBeUndefined();
    expect(eb.remoteTrace).toContain('Error: no adding today');
    expect(eb.remoteTrace).toContain('Thrower.add');
    await quiet.client.close();
    await loud.client.close();
  });

  it('serves legacy named exports through restore (ezRestore)', async () => {
    const tester = new TsTester();
    const { client } = memoryPair({
      restore: (name) => {
        if (name === 'tester') return tester;
        throw new Error(`no ${name}`);
      },
    });
    using t = client.ezRestore('tester').castAs(interop.Tester);
    expect((await t.add(3, 4)).sum).toBe(7);
    using missing = client.ezRestore('nothing').castAs(interop.Tester);
    await expect(missing.add(1, 1)).rejects.toMatchObject({ message: 'no nothing' });
    using plain = client.bootstrap().castAs(interop.Tester);
    await expect(plain.add(1, 1)).rejects.toMatchObject({
      message: 'This vat does not expose a bootstrap interface.',
    });
    await client.close();
  });

  it('refuses named exports when the server only has a bootstrap capability', async () => {
    const { client } = memoryPair({ bootstrap: new TsTester() });
    using t = client.ezRestore('x').castAs(interop.Tester);
    await expect(t.add(1, 1)).rejects.toMatchObject({
      message:
        "This vat only supports a bootstrap interface, not the old Cap'n-Proto-0.4-style named exports.",
    });
    await client.close();
  });

  it('carries capabilities inside structs and lists', async () => {
    class Sorter extends interop.Tester.Server {
      async callBack({ callback, count }: Any) {
        using cb = callback;
        let sum = 0n;
        for (let i = 1; i <= count; i++) sum += BigInt((await cb.call(i)).value);
        return sum;
      }
    }
    const { client } = memoryPair({ bootstrap: new Sorter() });
    const bag = interop.Bag.newMessage({
      callbacks: [new TsCallback(1), new TsCallback(2), null],
      counter: new TsCounter(),
      label: 'bag',
    });
    const callbacks = bag.callbacks;
    expect(callbacks.length).toBe(3);
    expect(callbacks.get(2)).toBeNull();
    using tester = client.bootstrap().castAs(interop.Tester);
    using r = await tester.callBack(callbacks.get(1), 3);
    expect(r.sum).toBe(12n);
    using counter = bag.counter;
    expect((await counter.next()).value).toBe(1);
    // A reader of the message sees the same capabilities.
    using again = bag.asReader().counter;
    expect((await again.next()).value).toBe(2);
    await client.close();
  });

  it('exports a promise (senderPromise) and tells the peer what it resolved to (Resolve)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    // A local Tester whose reflect() returns only when the gate opens.
    class SlowTester extends interop.Tester.Server {
      async reflect({ cap }: Any, context: Any) {
        await gate;
        context.results.cap = cap;
        cap.release();
      }
    }
    const { client, server } = memoryPair({ bootstrap: new TsTester() });
    const callback = new TsCallback(3);
    {
      using local = interop.Bag.newMessage({ tester: new SlowTester() }).tester;
      using pending = local.reflect(callback);
      using promised = pending.cap; // a promise for `callback`, for now
      using remote = client.bootstrap().castAs(interop.Tester);
      const sum = remote.callBack(promised, 4);
      await settle();
      expect(callback.seen).toEqual([]); // the server's calls wait on the promise
      expect(client.connection.tableSizes().exports).toBe(1);
      release();
      expect((await sum).sum).toBe(30n);
      expect([...callback.seen].sort()).toEqual([1, 2, 3, 4]);
    }
    await expectEmptyTables([client.connection, server]);
    await client.close();
  });
});
