import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type * as capnp from '@capnp-kit/runtime';
import { describe, expect, it } from 'vitest';
import {
  type Any,
  expectEmptyTables,
  gatedPair,
  interop,
  memoryPair,
  settle,
  TsCallback,
  TsTester,
} from './support.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('RPC lifecycle', () => {
  it('cancels a call through its AbortSignal: Finish reaches the server, which aborts it', async () => {
    const tester = new TsTester();
    const { client, server } = memoryPair({ bootstrap: tester });
    {
      using t = client.bootstrap().castAs(interop.Tester);
      const controller = new AbortController();
      const p = t.hang({ signal: controller.signal });
      await settle();
      expect(server.tableSizes().answers).toBe(1); // the bootstrap's was finished
      controller.abort(new Error('stop'));
      const e = await p.catch((x: unknown) => x);
      expect(e).toMatchObject({ code: 'canceled', type: 'failed' });
      expect((e as capnp.RpcError).cause).toEqual(new Error('stop'));
      await settle();
      expect(tester.cancelledCount).toBe(1);
      expect((await t.cancelled()).count).toBe(1);
      // A signal aborted before the call is sent cancels it at once.
      await expect(t.hang({ signal: AbortSignal.abort() })).rejects.toMatchObject({
        code: 'canceled',
      });
    }
    await expectEmptyTables([client.connection, server]);
    await client.close();
  });

  it('rejects every pending call with disconnected when the peer goes away', async () => {
    const { client, server } = memoryPair({ bootstrap: new TsTester() });
    using t = client.bootstrap().castAs(interop.Tester);
    expect((await t.add(1, 1)).sum).toBe(2);
    const hanging = t.hang();
    const pending = [hanging, t.hang(), t.self().tester.hang()];
    await settle();
    await server.close();
    for (const p of pending) {
      await expect(p).rejects.toMatchObject({ type: 'disconnected', code: 'disconnected' });
    }
    expect(await client.onDisconnect).toMatchObject({ type: 'disconnected' });
    await expect(t.add(1, 1)).rejects.toMatchObject({ type: 'disconnected' });
    expect(client.connection.tableSizes()).toEqual({
      questions: 0,
      answers: 0,
      imports: 0,
      exports: 0,
      embargoes: 0,
    });
  });

  it('releases imports with release(), using and castAs views sharing one reference', async () => {
    const { client, server } = memoryPair({ bootstrap: new TsTester() });
    const boot = client.bootstrap();
    const t = boot.castAs(interop.Tester);
    const r = await t.newCounter();
    const counter = r.counter;
    r[Symbol.dispose](); // the results' own reference
    expect(client.connection.tableSizes().imports).toBe(2);
    expect(server.tableSizes().exports).toBe(2);
    counter.release();
    counter.release(); // idempotent
    await settle();
    expect(client.connection.tableSizes().imports).toBe(1);
    expect(server.tableSizes().exports).toBe(1);
    await expect(counter.next()).rejects.toMatchObject({ code: 'released' });
    boot.release(); // releases the castAs view too
    expect(t.released).toBe(true);
    await expectEmptyTables([client.connection, server]);
    await client.close();
  });

  it('drops references nobody released when their clients are garbage-collected', async () => {
    const { client, server } = memoryPair({ bootstrap: new TsTester() });
    const t = client.bootstrap().castAs(interop.Tester);
    await (async () => {
      for (let i = 0; i < 5; i++) {
        const r = await t.newCounter();
        await r.counter.next();
      }
    })();
    expect(server.tableSizes().exports).toBe(6);
    for (let i = 0; i < 50 && server.tableSizes().exports > 1; i++) {
      gc();
      await settle(2);
    }
    expect(server.tableSizes().exports).toBe(1);
    expect(client.connection.tableSizes().imports).toBe(1);
    t.release();
    await expectEmptyTables([client.connection, server]);
    await client.close();
  });

  it('keeps E-order on a promise that resolves to a capability of the caller (embargo)', async () => {
    const gate = gatedPair({ bootstrap: new TsTester() });
    const callback = new TsCallback();
    using t = gate.client.bootstrap().castAs(interop.Tester);
    await gate.release();
    const p = t.reflect(callback);
    const cap = p.cap;
    await settle();
    expect(gate.held()).toBe(1); // the Return of reflect()
    const first = cap.call(1); // sent to the server, which reflects it back to us
    await settle();
    expect(gate.held()).toBe(2); // …behind the Return
    await gate.release(1); // the Return: `cap` resolves to our own callback, an embargo starts
    await p;
    expect(gate.client.connection.tableSizes().embargoes).toBe(1);
    const second = cap.call(2); // must wait for the reflected first call
    await settle();
    expect(callback.seen).toEqual([]);
    await gate.open();
    await Promise.all([first, second]);
    expect(callback.seen).toEqual([1, 2]);
    cap.release();
    (await p)[Symbol.dispose]();
    t.release();
    await expectEmptyTables([gate.client.connection, gate.server]);
    await gate.client.close();
  });

  it('applies flow control to streaming calls and delivers them one at a time', async () => {
    const tester = new TsTester();
    let running = 0;
    let maxRunning = 0;
    class Slow extends interop.Tester.Server {
      async write({ chunk }: Any) {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await settle(1);
        tester.bytes += BigInt(chunk.length);
        tester.chunks++;
        running--;
      }
      written() {
        return [tester.bytes, tester.chunks];
      }
    }
    const { client } = memoryPair({ bootstrap: new Slow() }, { streamWindowBytes: 4096 });
    using t = client.bootstrap().castAs(interop.Tester);
    const chunk = new Uint8Array(1000);
    let immediate = 0;
    for (let i = 0; i < 20; i++) {
      const sent = t.write(chunk);
      let done = false;
      sent.then(() => {
        done = true;
      });
      await Promise.resolve();
      if (done) immediate++;
      await sent;
    }
    // The first writes fit the 4 KiB window and return at once; later ones wait for acks.
    expect(immediate).toBeGreaterThan(0);
    expect(immediate).toBeLessThan(20);
    const w = await t.written();
    expect(w.chunks).toBe(20);
    expect(w.bytes).toBe(20000n);
    expect(maxRunning).toBe(1);
    await client.close();
  });

  it('reports a failed streaming call at the next write', async () => {
    let calls = 0;
    class Failing extends interop.Tester.Server {
      write() {
        calls++;
        if (calls === 2) throw new Error('disk full');
      }
    }
    const { client } = memoryPair({ bootstrap: new Failing() });
    using t = client.bootstrap().castAs(interop.Tester);
    await t.write(new Uint8Array(8));
    await t.write(new Uint8Array(8));
    await settle();
    await expect(t.write(new Uint8Array(8))).rejects.toMatchObject({ message: 'disk full' });
    expect(calls).toBe(2);
    await client.close();
  });

  it('returns every table to empty after a mixed workload', async () => {
    const { client, server } = memoryPair({ bootstrap: new TsTester() });
    {
      using t = client.bootstrap().castAs(interop.Tester);
      const callback = new TsCallback(2);
      const work: Promise<unknown>[] = [];
      for (let i = 0; i < 50; i++) {
        work.push(t.add(i, i).then((r: Any) => r[Symbol.dispose]()));
        work.push(
          (async () => {
            using p = t.newCounter();
            using counter = p.counter;
            using r = await counter.next();
            expect(r.value).toBe(1);
          })(),
        );
        work.push(
          (async () => {
            using r = await t.callBack(callback, 3);
            expect(r.sum).toBe(12n);
          })(),
        );
        work.push(
          (async () => {
            using s = t.self();
            using again = s.tester;
            using r = await again.add(1, 1);
            expect(r.sum).toBe(2);
          })(),
        );
        const controller = new AbortController();
        const hang = t.hang({ signal: controller.signal });
        work.push(hang.catch(() => {}));
        controller.abort();
        work.push(t.write(new Uint8Array(100)));
      }
      await Promise.all(work);
      using w = await t.written();
      expect(w.chunks).toBe(50);
    }
    await expectEmptyTables([client.connection, server]);
    await client.close();
  });
});
