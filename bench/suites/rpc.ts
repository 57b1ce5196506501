import { createRequire } from 'node:module';
import { connect, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import * as capnp from '@capnp-kit/runtime';
import {
  cppPeers,
  type RunningServer,
  runCppClient,
  startCppServer,
  startServerProcess,
} from '../../packages/runtime/test/rpc/cpp-peers.js';
import type { Comparison, Entry, Suite } from '../lib/report.js';

// RPC over loopback TCP, two processes per pair (client and server), side by side with a
// C++ EzRpc client and server built the same way (packages/runtime/test/rpc/cpp).

const repo = join(import.meta.dirname, '../..');
const rpcTests = join(repo, 'packages/runtime/test/rpc');
// biome-ignore lint/suspicious/noExplicitAny: the loaded schema is dynamic
const interop: any = capnp.load(join(rpcTests, 'schema/interop.capnp'));
const SECONDS = 2;
/** Throughput is the median of this many runs (this machine's neighbours are noisy). */
const RUNS = 3;
const IN_FLIGHT = 100;
const LATENCY_CALLS = 5000;
const CHAIN = 10;
const CHAIN_SAMPLES = 1000;
/** Added one-way latency of the pipelining comparison, so round trips dominate CPU. */
const DELAY_MS = 2;
const DELAYED_SAMPLES = 40;

// biome-ignore lint/suspicious/noExplicitAny: a typed client of the dynamic schema
type Tester = any;

/**
 * Calls per second of `add` with IN_FLIGHT calls always outstanding: the median of RUNS runs
 * after a warm-up.
 */
async function throughput(tester: Tester): Promise<number> {
  const run = async (seconds: number) => {
    let done = 0;
    const start = performance.now();
    const deadline = start + seconds * 1000;
    const slot = async () => {
      while (performance.now() < deadline) {
        const r = await tester.add(done, 1);
        r[Symbol.dispose]();
        done++;
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, slot));
    return done / ((performance.now() - start) / 1000);
  };
  await run(SECONDS / 4);
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await run(SECONDS));
  return median(runs);
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] as number;
}

/** The median microseconds of `samples` runs of `fn` (after a tenth as many to warm up). */
async function p50(samples: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < samples / 10; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await fn();
    times.push((performance.now() - t0) * 1000);
  }
  return median(times);
}

async function oneCall(tester: Tester): Promise<void> {
  (await tester.add(1, 2))[Symbol.dispose]();
}

/** A chain of CHAIN calls, each on the previous one's result, awaiting only the last. */
async function pipelinedChain(tester: Tester): Promise<void> {
  const held: { [Symbol.dispose](): void }[] = [];
  let t = tester;
  for (let i = 1; i < CHAIN; i++) {
    const p = t.self();
    held.push(p);
    t = p.tester;
    held.push(t);
  }
  (await t.add(1, 2))[Symbol.dispose]();
  for (const h of held) h[Symbol.dispose]();
}

/** CHAIN independent calls sent together: one round trip by construction. */
async function parallelCalls(tester: Tester): Promise<void> {
  const results = await Promise.all(Array.from({ length: CHAIN }, () => tester.add(1, 2)));
  for (const r of results) r[Symbol.dispose]();
}

/** CHAIN calls, each awaited before the next is made. */
async function awaitedChain(tester: Tester): Promise<void> {
  let t = tester;
  const held: { [Symbol.dispose](): void }[] = [];
  for (let i = 1; i < CHAIN; i++) {
    const r = await t.self();
    held.push(r);
    t = r.tester;
    held.push(t);
  }
  (await t.add(1, 2))[Symbol.dispose]();
  for (const h of held) h[Symbol.dispose]();
}

/**
 * A TCP proxy to `port` that delays everything by `delayMs` each way (in order), standing for
 * a network with a round trip of 2 × delayMs.
 */
async function delayingProxy(
  port: number,
  delayMs: number,
): Promise<{ port: number; server: Server }> {
  const server = createServer((downstream) => {
    const upstream = connect({ host: '127.0.0.1', port });
    for (const s of [downstream, upstream]) s.setNoDelay(true);
    downstream.on('data', (d) => setTimeout(() => upstream.write(d), delayMs));
    upstream.on('data', (d) => setTimeout(() => downstream.write(d), delayMs));
    downstream.on('close', () => upstream.destroy());
    upstream.on('close', () => downstream.destroy());
    downstream.on('error', () => upstream.destroy());
    upstream.on('error', () => downstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { port: typeof address === 'object' && address !== null ? address.port : 0, server };
}

/** One call, the pipelined chain and the awaited chain, through a proxy adding latency. */
async function chainsWithLatency(serverPort: number) {
  const proxy = await delayingProxy(serverPort, DELAY_MS);
  const client = new capnp.TwoPartyClient(`127.0.0.1:${proxy.port}`);
  const tester = client.bootstrap().castAs(interop.Tester);
  try {
    return {
      single: (await p50(DELAYED_SAMPLES, () => oneCall(tester))) / 1000,
      pipelined: (await p50(DELAYED_SAMPLES, () => pipelinedChain(tester))) / 1000,
      awaited: (await p50(DELAYED_SAMPLES / 4, () => awaitedChain(tester))) / 1000,
    };
  } finally {
    tester.release();
    await client.close();
    proxy.server.close();
  }
}

/** Measures the TypeScript client against a server on `port`. */
async function tsClient(port: number) {
  const client = new capnp.TwoPartyClient(`127.0.0.1:${port}`);
  const tester = client.bootstrap().castAs(interop.Tester);
  try {
    return {
      callsPerSecond: await throughput(tester),
      latency: await p50(LATENCY_CALLS, () => oneCall(tester)),
      tester,
      client,
    };
  } catch (e) {
    await client.close();
    throw e;
  }
}

/** Measures the C++ client against a server on `port` (throughput: median of RUNS runs). */
async function cppClient(path: string, port: number) {
  const address = `127.0.0.1:${port}`;
  const runs: number[] = [];
  let stderr = '';
  for (let i = 0; i < RUNS; i++) {
    const t = await runCppClient(path, [address, 'throughput', String(SECONDS), String(IN_FLIGHT)]);
    runs.push(Number(/calls_per_second (\S+)/.exec(t.stdout)?.[1]));
    stderr += t.stderr;
  }
  const l = await runCppClient(path, [address, 'latency', String(LATENCY_CALLS)]);
  const callsPerSecond = median(runs);
  const latency = Number(/p50_us (\S+)/.exec(l.stdout)?.[1]);
  if (!(callsPerSecond > 0 && latency > 0)) {
    throw new Error(`The C++ bench client failed:\n${stderr}${l.stderr}`);
  }
  return { callsPerSecond, latency };
}

/** RPC: calls per second and latency against C++, and what pipelining saves. */
const suite: Suite = {
  name: 'RPC (loopback TCP)',
  async run(): Promise<Comparison[]> {
    const peers = await cppPeers();
    if (peers === undefined)
      throw new Error('The RPC benchmark needs g++ and capnp (libcapnp-dev).');
    const tsx = createRequire(import.meta.url).resolve('tsx');
    const servers: RunningServer[] = [];
    try {
      const tsServer = await startServerProcess(process.execPath, [
        '--import',
        tsx,
        join(rpcTests, 'fixtures/tester-server.ts'),
      ]);
      servers.push(tsServer);
      const cppServer = await startCppServer(peers.path('interop-server'));
      servers.push(cppServer);
      const benchClient = peers.path('bench-client');

      const cppCpp = await cppClient(benchClient, cppServer.port);
      const tsCpp = await tsClient(cppServer.port);
      await tsCpp.client.close();
      const cppTs = await cppClient(benchClient, tsServer.port);
      const tsTs = await tsClient(tsServer.port);

      const single = await p50(CHAIN_SAMPLES, () => oneCall(tsTs.tester));
      const parallel = await p50(CHAIN_SAMPLES, () => parallelCalls(tsTs.tester));
      const pipelined = await p50(CHAIN_SAMPLES, () => pipelinedChain(tsTs.tester));
      const awaited = await p50(CHAIN_SAMPLES, () => awaitedChain(tsTs.tester));
      tsTs.tester.release();
      await tsTs.client.close();
      const delayed = await chainsWithLatency(tsServer.port);

      const pairs = (pick: (m: { callsPerSecond: number; latency: number }) => number): Entry[] => [
        { label: 'TS client → TS server', value: pick(tsTs) },
        { label: 'C++ client → C++ server', value: pick(cppCpp) },
        { label: 'TS client → C++ server', value: pick(tsCpp) },
        { label: 'C++ client → TS server', value: pick(cppTs) },
      ];
      const ratio = tsTs.callsPerSecond / cppCpp.callsPerSecond;
      return [
        {
          id: 'rpc-throughput',
          title: `Small calls per second, ${IN_FLIGHT} in flight`,
          unit: 'calls/s',
          lowerIsBetter: false,
          entries: pairs((m) => m.callsPerSecond),
          goal: {
            text: `TS ≥ 50% of C++ calls/s (${(ratio * 100).toFixed(0)}%)`,
            met: ratio >= 0.5,
          },
          method: `Tester.add(a, b) → (sum), ${IN_FLIGHT} calls kept in flight; median of ${RUNS} runs of ${SECONDS} s after a warm-up; client and server are separate processes on this machine (C++: EzRpcClient/EzRpcServer of libcapnp-rpc 0.9.2, g++ -O2; TypeScript: TwoPartyClient/TwoPartyServer, Node ${process.version}).`,
        },
        {
          id: 'rpc-latency',
          title: 'Latency of one small call (p50)',
          unit: 'µs',
          lowerIsBetter: true,
          entries: pairs((m) => m.latency),
          method: `Median of ${LATENCY_CALLS} sequential Tester.add() calls (each awaited before the next) after ${LATENCY_CALLS / 10} warm-up calls.`,
        },
        {
          id: 'rpc-pipelining',
          title: `A chain of ${CHAIN} calls, each on the previous result, over ${2 * DELAY_MS} ms round trips (TS ↔ TS)`,
          unit: 'ms',
          lowerIsBetter: true,
          entries: [
            { label: 'one call', value: delayed.single },
            { label: `${CHAIN} chained calls, pipelined`, value: delayed.pipelined },
            { label: `${CHAIN} chained calls, each awaited`, value: delayed.awaited },
          ],
          goal: {
            text: `the pipelined chain costs one round trip (${(delayed.pipelined / delayed.single).toFixed(2)}× one call; awaited: ${(delayed.awaited / delayed.single).toFixed(2)}×)`,
            met: delayed.pipelined < 1.5 * delayed.single,
          },
          method: `Through a TCP proxy delaying each direction by ${DELAY_MS} ms (so round trips, not CPU, dominate): median of ${DELAYED_SAMPLES} runs of tester.self().tester.self()…tester.add() with only the last result awaited, of the same ${CHAIN} calls each awaited before the next is made (${DELAYED_SAMPLES / 4} runs), and of one add().`,
        },
        {
          id: 'rpc-pipelining-loopback',
          title: `The same chain of ${CHAIN} calls over loopback (TS ↔ TS)`,
          unit: 'µs',
          lowerIsBetter: true,
          entries: [
            { label: 'one call', value: single },
            { label: `${CHAIN} independent calls, together`, value: parallel },
            { label: `${CHAIN} chained calls, pipelined`, value: pipelined },
            { label: `${CHAIN} chained calls, each awaited`, value: awaited },
          ],
          method: `Median of ${CHAIN_SAMPLES} runs each, no added latency: here the work of the ${CHAIN} calls shows (the independent calls, sent at once, take one round trip by construction and carry no capabilities).`,
        },
      ];
    } finally {
      for (const s of servers) await s.stop();
    }
  },
};

export default suite;
