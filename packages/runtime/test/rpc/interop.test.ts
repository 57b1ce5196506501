import * as capnp from '@capnp-kit/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCalculatorClient } from '../../../../examples/calculator/calculator-client.js';
import { startServer } from '../../../../examples/calculator/calculator-server.js';
import { cppPeers, type RunningServer, runCppClient, startCppServer } from './cpp-peers.js';
import { type Any, expectEmptyTables, interop, settle, TsCallback, TsTester } from './support.js';

// The interop matrix: the TypeScript client against C++ servers, C++ clients against the
// TypeScript servers (EzRpcServer / EzRpcClient of libcapnp-rpc, built by cpp-peers.ts).
const peers = await cppPeers();
const BUILD_TIMEOUT = 300_000;

const expectedCalculatorSteps = [
  ['Evaluating a literal', 123],
  ['A then-chain: evaluate(7).then(r => r.value.read())', 7],
  ['Using add and subtract', 101],
  ['Pipelining eval() calls', 27],
  ['f(12, 34)', 1234],
  ['g(21)', 4244],
  ['Using a callback: pow(2, 4 + 5)', 512],
];

describe.skipIf(peers === undefined)('TypeScript client, C++ server', () => {
  let calculator: RunningServer;
  let tester: RunningServer;
  beforeAll(async () => {
    calculator = await startCppServer(peers?.path('calculator-server') as string);
    tester = await startCppServer(peers?.path('interop-server') as string);
  }, BUILD_TIMEOUT);
  afterAll(async () => {
    await calculator?.stop();
    await tester?.stop();
  });

  it('runs the quickstart calculator (ezRestore, pipelining, a callback)', async () => {
    const client = new capnp.TwoPartyClient(`127.0.0.1:${calculator.port}`);
    const steps = await runCalculatorClient(client, () => {});
    expect(steps.map((s) => [s.title, s.value])).toEqual(expectedCalculatorSteps);
    await client.close();
  });

  it('gets the calculator as the bootstrap capability too, and its errors', async () => {
    const client = new capnp.TwoPartyClient(`127.0.0.1:${calculator.port}`);
    {
      using calc = client.bootstrap().castAs(calculatorSchema().Calculator);
      using evaluated = calc.evaluate({ literal: 7 });
      using value = evaluated.value;
      using read = await value.read();
      expect(read.value).toBe(7);
      using failing = calc.evaluate({ parameter: 3 });
      using bad = failing.value;
      const e = await bad.read().catch((x: unknown) => x);
      expect(e).toBeInstanceOf(capnp.RpcError);
      expect(e).toMatchObject({ type: 'failed', code: 'remote' });
      expect((e as Error).message).toContain('parameter index out of range');
    }
    await expectEmptyTables([client.connection]);
    await client.close();
  });

  describe('the Tester', () => {
    let client: capnp.TwoPartyClient;
    let t: Any;
    beforeAll(() => {
      client = new capnp.TwoPartyClient(`127.0.0.1:${tester.port}`);
      t = client.bootstrap().castAs(interop.Tester);
    });
    afterAll(async () => {
      t.release();
      await expectEmptyTables([client.connection]);
      await client.close();
    });

    it('answers hundreds of concurrent calls', async () => {
      const results = await Promise.all(Array.from({ length: 500 }, (_, i) => t.add(i, 1000)));
      expect(results.map((r: Any) => r.sum)).toEqual(
        Array.from({ length: 500 }, (_, i) => i + 1000),
      );
      for (const r of results) r[Symbol.dispose]();
    });

    it('echoes payloads of several MiB (multi-segment both ways)', async () => {
      const data = new Uint8Array(6 * 1024 * 1024 + 13);
      for (let i = 0; i < data.length; i++) data[i] = (i * 7 + 3) & 0xff;
      const request = t.echoRequest();
      request.data = data;
      expect(request._message.segments.length).toBeGreaterThan(1);
      using r = await request.send();
      expect(r._message.segments.length).toBeGreaterThan(1);
      // (A byte-by-byte toEqual of 6 MiB is very slow: compare as buffers.)
      expect(Buffer.from(r.data).equals(Buffer.from(data))).toBe(true);
    });

    it('reports exceptions of every type', async () => {
      for (const type of ['failed', 'overloaded', 'disconnected', 'unimplemented'] as const) {
        await expect(t.fail(`reason ${type}`, type)).rejects.toMatchObject({
          type,
          code: 'remote',
          message: `reason ${type}`,
        });
      }
      // castAs gives a view sharing the reference: a fresh one is taken to dispose of.
      using counter = client.bootstrap().castAs(interop.Counter);
      await expect(counter.next()).rejects.toMatchObject({ type: 'unimplemented' });
    });

    it('lets the server call back a TypeScript capability, concurrently', async () => {
      const callback = new TsCallback(2);
      using r = await t.callBack(callback, 200);
      expect(r.sum).toBe(BigInt(200 * 201));
      expect(callback.seen.length).toBe(200);
    });

    it('pipelines calls on results not yet returned', async () => {
      using p = t.newCounter();
      using counter = p.counter;
      const values = await Promise.all([counter.next(), counter.next(), counter.next()]);
      expect(values.map((v: Any) => v.value)).toEqual([1, 2, 3]);
      using s1 = t.self();
      using t1 = s1.tester;
      using s2 = t1.self();
      using t2 = s2.tester;
      expect((await t2.add(1, 2)).sum).toBe(3);
    });

    it('keeps call order when a promise resolves to our own capability (embargo)', async () => {
      const callback = new TsCallback();
      using p = t.reflect(callback);
      using cap = p.cap;
      const early = [1, 2, 3, 4, 5].map((v) => cap.call(v));
      await p;
      const late = [6, 7, 8, 9, 10].map((v) => cap.call(v));
      await Promise.all([...early, ...late]);
      expect(callback.seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });

    it('streams with flow control', async () => {
      const chunk = new Uint8Array(64 * 1024);
      for (let i = 0; i < 64; i++) await t.write(chunk);
      using w = await t.written();
      expect(w.chunks).toBe(64);
      expect(w.bytes).toBe(BigInt(64 * chunk.length));
    });

    it('cancels a call with an AbortSignal (Finish)', async () => {
      const controller = new AbortController();
      const hang = t.hang({ signal: controller.signal });
      await t.add(0, 0); // the hang() call has started by now
      controller.abort();
      await expect(hang).rejects.toMatchObject({ code: 'canceled' });
      await settle();
      expect((await t.cancelled()).count).toBe(1);
    });

    it('is called back in order', async () => {
      const callback = new TsCallback();
      await t.callOrder(callback, 100, 50);
      expect(callback.seen).toEqual(Array.from({ length: 50 }, (_, i) => 100 + i));
    });
  });
});

describe.skipIf(peers === undefined)('a C++ server that goes away', () => {
  it('rejects every pending call with disconnected', async () => {
    const server = await startCppServer(peers?.path('interop-server') as string);
    const client = new capnp.TwoPartyClient(`127.0.0.1:${server.port}`);
    using t = client.bootstrap().castAs(interop.Tester);
    expect((await t.add(1, 2)).sum).toBe(3);
    const pending = [t.hang(), t.hang(), t.self().tester.hang()];
    await t.add(0, 0); // the hang() calls have arrived
    await server.stop();
    for (const p of pending) await expect(p).rejects.toMatchObject({ type: 'disconnected' });
    expect((await client.onDisconnect).type).toBe('disconnected');
    expect(client.connection.tableSizes()).toEqual({
      questions: 0,
      answers: 0,
      imports: 0,
      exports: 0,
      embargoes: 0,
    });
  });
});

describe.skipIf(peers === undefined)('C++ client, TypeScript server', () => {
  it('runs the quickstart calculator against the TypeScript calculator', async () => {
    const server = startServer('127.0.0.1:0');
    const { port } = await server.listening;
    for (const mode of ['main', 'restore']) {
      const r = await runCppClient(peers?.path('calculator-client') as string, [
        `127.0.0.1:${port}`,
        mode,
      ]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(
        [
          'literal: 123',
          'add and subtract: 101',
          'pipelined eval: 27',
          'f(12, 34): 1234',
          'g(21): 4244',
          'callback: 512',
          'error: remote exception: Parameter 7 is out of range.',
          '',
        ].join('\n'),
      );
    }
    await server.close();
  });

  it('passes every check of the C++ Tester client against the TypeScript Tester', async () => {
    const server = new capnp.TwoPartyServer('127.0.0.1:0', { bootstrap: new TsTester() });
    const { port } = await server.listening;
    const r = await runCppClient(peers?.path('interop-client') as string, [`127.0.0.1:${port}`]);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('ok')).length).toBe(14);
    expect(r.code).toBe(0);
    await server.close();
  });
});

function calculatorSchema(): Any {
  return capnp.load(
    new URL('../../../../examples/calculator/calculator.capnp', import.meta.url).pathname,
  );
}
