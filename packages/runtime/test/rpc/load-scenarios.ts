/**
 * RPC load and fault scenarios, parameterized: load-faults.test.ts runs them small (fast and
 * deterministic); fuzz/src/rpc-load.ts runs them large on demand. Each scenario checks its own
 * results and, when it is done, that every RPC table involved is empty and every promise it
 * made has settled; it throws on the first thing that does not hold, and returns figures.
 * No vitest here: the on-demand script runs it with plain Node.
 */
import { connect, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import * as capnp from '@capnp-kit/runtime';
import { type Any, interop, TsCallback, TsTester } from './tester.js';

const rpc: Any = capnp.load(join(import.meta.dirname, '../../../compiler/std/capnp/rpc.capnp'));
const TESTER_ID = interop.Tester.schema.id as bigint;
const ADD = 7;
const HANG = 9;

/** How long a scenario waits for anything before it counts as left pending. */
const PENDING_MS = 20_000;

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new ScenarioError(what);
}

function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Waits turn by turn until `done()`; throws saying `what()` after PENDING_MS. */
async function until(done: () => boolean, what: () => string): Promise<void> {
  const start = performance.now();
  while (!done()) {
    if (performance.now() - start > PENDING_MS) throw new ScenarioError(what());
    await turn();
  }
}

/**
 * Every promise a scenario makes goes through `track`; `allSettled` fails, naming how many are
 * left, if they have not all settled in time.
 */
export class PendingPromises {
  readonly #pending = new Set<Promise<unknown>>();
  readonly #all: Promise<unknown>[] = [];

  track<T>(p: Promise<T>): Promise<T> {
    this.#pending.add(p);
    this.#all.push(p);
    const done = () => {
      this.#pending.delete(p);
    };
    p.then(done, done);
    return p;
  }

  get size(): number {
    return this.#pending.size;
  }

  /** The outcomes of everything tracked, once settled. */
  async allSettled(what: string): Promise<PromiseSettledResult<unknown>[]> {
    await until(
      () => this.#pending.size === 0,
      () => `${this.#pending.size} of ${this.#all.length} promises of ${what} left pending`,
    );
    return Promise.allSettled(this.#all);
  }
}

const EMPTY: capnp.RpcTableSizes = {
  questions: 0,
  answers: 0,
  imports: 0,
  exports: 0,
  embargoes: 0,
};

function sizesText(c: capnp.RpcConnection): string {
  return JSON.stringify(c.tableSizes());
}

/** Waits for in-flight Finish/Release messages, then requires `want` of every connection. */
async function expectTables(
  connections: readonly capnp.RpcConnection[],
  want: Partial<capnp.RpcTableSizes>,
  what: string,
): Promise<void> {
  const full = { ...EMPTY, ...want };
  const same = (c: capnp.RpcConnection) =>
    (Object.keys(full) as (keyof capnp.RpcTableSizes)[]).every(
      (k) => c.tableSizes()[k] === full[k],
    );
  await until(
    () => connections.every(same),
    () =>
      `${what}: tables ${connections
        .filter((c) => !same(c))
        .map(sizesText)
        .slice(0, 3)
        .join(', ')}, want ${JSON.stringify(full)}`,
  );
}

/** A server listening on loopback TCP, its connections' sockets at hand. */
async function tcpServer(
  tester: capnp.RpcConnectionOptions['bootstrap'],
  options: capnp.RpcConnectionOptions = {},
): Promise<{
  server: capnp.TwoPartyServer;
  port: number;
  sockets: Socket[];
  stop(): Promise<void>;
}> {
  const server = new capnp.TwoPartyServer(null, { ...options, bootstrap: tester });
  const sockets: Socket[] = [];
  const listener = createServer((socket) => {
    socket.setNoDelay(true);
    sockets.push(socket);
    server.accept(socket);
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const { port } = listener.address() as { port: number };
  return {
    server,
    port,
    sockets,
    async stop() {
      await server.close();
      await new Promise<void>((resolve) => listener.close(() => resolve()));
      for (const s of sockets) s.destroy();
    },
  };
}

function connectTo(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.setNoDelay(true);
    socket.once('error', reject);
  });
}

/** A call-only check that a server still serves a new client. */
async function stillServing(port: number): Promise<void> {
  const client = new capnp.TwoPartyClient(await connectTo(port));
  {
    using t = client.bootstrap().castAs(interop.Tester);
    check((await t.add(20, 22)).sum === 42, 'a new client was not served');
  }
  await client.close();
}

// -- many connections, many calls --------------------------------------------------------------

export interface LoadFigures {
  readonly connections: number;
  readonly calls: number;
  readonly ms: number;
}

/**
 * `connections` clients (loopback TCP, or in memory), each making `calls` concurrent calls of
 * several kinds (plain, pipelined, with a payload, calling back) and checking every result;
 * then both ends of every connection must hold only the bootstrap capability, and after the
 * clients close, nothing at all.
 */
export async function concurrentCalls(options: {
  readonly connections: number;
  readonly calls: number;
  readonly transport: 'tcp' | 'memory';
}): Promise<LoadFigures> {
  const tester = new TsTester();
  const tcp = options.transport === 'tcp' ? await tcpServer(tester) : undefined;
  const server = tcp?.server ?? new capnp.TwoPartyServer(null, { bootstrap: tester });
  const clients: capnp.TwoPartyClient[] = [];
  for (let i = 0; i < options.connections; i++) {
    if (tcp !== undefined) clients.push(new capnp.TwoPartyClient(await connectTo(tcp.port)));
    else {
      const [a, b] = capnp.createMemoryTransportPair();
      server.accept(b);
      clients.push(new capnp.TwoPartyClient(a));
    }
  }
  await until(
    () => server.connections.size === options.connections,
    () => `${server.connections.size} of ${options.connections} connections accepted`,
  );
  const pending = new PendingPromises();
  const testers = clients.map((c) => c.bootstrap().castAs(interop.Tester));
  const payload = Uint8Array.from({ length: 64 }, (_, i) => i);
  const start = performance.now();
  testers.forEach((t, c) => {
    for (let i = 0; i < options.calls; i++) {
      switch (i % 8) {
        case 0:
          pending.track(
            (async () => {
              using self = t.self();
              using again = self.tester;
              const r = await again.add(i, c);
              check(r.sum === i + c, `pipelined add(${i}, ${c}) gave ${r.sum}`);
            })(),
          );
          break;
        case 1:
          pending.track(
            t.echo(payload).then((r: Any) => {
              check(r.data.length === 64 && r.data[63] === 63, 'echo gave other bytes');
            }),
          );
          break;
        case 2:
          if (i % 64 === 2) {
            pending.track(
              t.callBack(new TsCallback(2), 3).then((r: Any) => {
                check(r.sum === 12n, `callBack gave ${r.sum}`);
              }),
            );
            break;
          }
          pending.track(t.add(i, c).then((r: Any) => check(r.sum === i + c, 'add')));
          break;
        default:
          pending.track(
            t.add(i, -c).then((r: Any) => check(r.sum === i - c, `add(${i}, ${-c}) gave ${r.sum}`)),
          );
      }
    }
  });
  const outcomes = await pending.allSettled('the concurrent calls');
  const ms = performance.now() - start;
  const failed = outcomes.filter((o) => o.status === 'rejected');
  check(
    failed.length === 0,
    `${failed.length} calls failed, the first: ${String((failed[0] as PromiseRejectedResult | undefined)?.reason)}`,
  );
  const serverSide = [...server.connections];
  await expectTables(
    clients.map((c) => c.connection),
    { imports: 1 },
    'clients holding the bootstrap',
  );
  await expectTables(serverSide, { exports: 1 }, 'server connections exporting the bootstrap');
  for (const t of testers) t.release();
  await expectTables(
    [...clients.map((c) => c.connection), ...serverSide],
    {},
    'every connection after the release',
  );
  await Promise.all(clients.map((c) => c.close()));
  await until(
    () => server.connections.size === 0,
    () => `the server still has ${server.connections.size} connections after the clients closed`,
  );
  check(
    serverSide.every((c) => Object.values(c.tableSizes()).every((n) => n === 0)),
    'tables not empty after the connections ended',
  );
  if (tcp !== undefined) await tcp.stop();
  else await server.close();
  return { connections: options.connections, calls: options.connections * options.calls, ms };
}

// -- peers that vanish -------------------------------------------------------------------------

/** A Callback that answers only when its call is cancelled (a peer that stopped mid-call). */
class SilentCallback extends interop.Callback.Server {
  call(_params: Any, context: Any) {
    return new Promise((_resolve, reject) => {
      context.signal.addEventListener('abort', () => reject(context.signal.reason));
    });
  }
}

/**
 * A client with calls in flight in both directions (hanging calls on the server, the server
 * waiting on the client's callback) whose socket is destroyed — by the client (`side:
 * 'client'`) or by the server. Every pending promise must reject with `disconnected`, the
 * server's hanging calls must be cancelled, both connections' tables must be empty, and the
 * server must go on serving.
 */
export async function vanishMidCall(options: {
  readonly side: 'client' | 'server';
  readonly hanging: number;
}): Promise<{ rejected: number; cancelled: number }> {
  const tester = new TsTester();
  const tcp = await tcpServer(tester);
  const socket = await connectTo(tcp.port);
  const client = new capnp.TwoPartyClient(socket);
  const t = client.bootstrap().castAs(interop.Tester);
  check((await t.add(1, 2)).sum === 3, 'add before the fault');
  const pending = new PendingPromises();
  for (let i = 0; i < options.hanging; i++) pending.track(t.hang());
  pending.track(t.callBack(new SilentCallback(), 2));
  using self = t.self();
  using again = self.tester;
  pending.track(again.hang());
  const serverSide = [...tcp.server.connections][0] as capnp.RpcConnection;
  // Everything reached the server (the bootstrap's answer is finished).
  await until(
    () => serverSide.tableSizes().answers === options.hanging + 3,
    () => `server answers ${sizesText(serverSide)} before the fault`,
  );
  if (options.side === 'client') socket.destroy();
  else (tcp.sockets[0] as Socket).destroy();
  const outcomes = await pending.allSettled('the calls in flight');
  const wrong = outcomes.filter(
    (o) => o.status !== 'rejected' || (o.reason as capnp.RpcError).type !== 'disconnected',
  );
  check(wrong.length === 0, `${wrong.length} calls did not reject with disconnected`);
  await until(
    () => !client.connection.isOpen && !serverSide.isOpen,
    () => 'a connection did not end when its socket was destroyed',
  );
  await until(
    () => tester.cancelledCount === options.hanging + 1,
    () =>
      `${tester.cancelledCount} of ${options.hanging + 1} hanging calls cancelled on the server`,
  );
  await expectTables([client.connection, serverSide], {}, 'both ends after the fault');
  check(tcp.server.connections.size === 0, 'the server still lists the lost connection');
  t.release();
  await stillServing(tcp.port);
  await tcp.stop();
  return { rejected: outcomes.length, cancelled: tester.cancelledCount };
}

/** The framed bytes of an rpc Message given as a plain object. */
function frame(init: Record<string, unknown>): Uint8Array {
  return rpc.Message.newMessage(init).toBytes();
}

/**
 * A raw peer sends a Bootstrap and hanging calls, then half of another Call frame, then its
 * socket goes (`destroy`) or ends (`end`). The server's connection must end with a clear error,
 * cancel the hanging calls, empty its tables and go on serving.
 */
export async function vanishMidFrame(options: {
  readonly how: 'destroy' | 'end';
  readonly hanging: number;
}): Promise<{ error: string }> {
  const tester = new TsTester();
  const tcp = await tcpServer(tester);
  const socket = await connectTo(tcp.port);
  socket.on('data', () => {});
  socket.on('error', () => {});
  socket.write(frame({ bootstrap: { questionId: 0 } }));
  for (let i = 1; i <= options.hanging; i++) {
    socket.write(
      frame({
        call: { questionId: i, target: { importedCap: 0 }, interfaceId: TESTER_ID, methodId: HANG },
      }),
    );
  }
  const serverSide = await (async () => {
    await until(
      () => tcp.server.connections.size === 1,
      () => 'the raw peer was not accepted',
    );
    return [...tcp.server.connections][0] as capnp.RpcConnection;
  })();
  await until(
    () => serverSide.tableSizes().answers === options.hanging + 1,
    () => `server answers ${sizesText(serverSide)} before the cut`,
  );
  const call = frame({
    call: {
      questionId: options.hanging + 1,
      target: { importedCap: 0 },
      interfaceId: TESTER_ID,
      methodId: ADD,
    },
  });
  await new Promise<void>((resolve) =>
    socket.write(call.subarray(0, call.length >> 1), () => resolve()),
  );
  if (options.how === 'destroy') socket.destroy();
  else socket.end();
  const error = await serverSide.closed;
  check(error.type === 'disconnected' && error.message !== '', `ended with ${error.message}`);
  await until(
    () => tester.cancelledCount === options.hanging,
    () => `${tester.cancelledCount} of ${options.hanging} hanging calls cancelled`,
  );
  await expectTables([serverSide], {}, 'the server after the cut');
  await stillServing(tcp.port);
  await tcp.stop();
  return { error: error.message };
}

// -- a client that stops reading ---------------------------------------------------------------

export interface SlowReaderFigures {
  /** Bytes of results the client asked for. */
  readonly requestedBytes: number;
  /** Most bytes the server's socket held unsent while the client was not reading. */
  readonly maxBufferedBytes: number;
  /** Calls the server had run when it stopped reading (all of them without backpressure). */
  readonly answeredBeforeResume: number;
  readonly calls: number;
}

/**
 * A client sends `calls` echo calls of `bytes` each and stops reading. The server must stop
 * reading too once the results it could not send pile up (backpressure), so what it buffers
 * stays bounded however much was asked; when the client reads again, every call completes.
 */
export async function slowReader(options: {
  readonly calls: number;
  readonly bytes: number;
  /** The server's `highWaterBytes` (default: the runtime's). */
  readonly highWaterBytes?: number;
}): Promise<SlowReaderFigures> {
  let answered = 0;
  const counting = new (class extends interop.Tester.Server {
    echo({ data }: Any) {
      answered++;
      return data;
    }
  })();
  const tcp = await tcpServer(counting, { highWaterBytes: options.highWaterBytes });
  const socket = await connectTo(tcp.port);
  socket.on('error', () => {});
  const client = new capnp.TwoPartyClient(socket);
  const t = client.bootstrap().castAs(interop.Tester);
  check((await t.echo(new Uint8Array(8))).data.length === 8, 'echo before the stall');
  const serverSocket = tcp.sockets[0] as Socket;
  // The client stops reading: what the server sends stays in the kernel, then in its socket.
  socket.pause();
  answered = 0;
  const data = new Uint8Array(options.bytes).fill(7);
  const pending = new PendingPromises();
  for (let i = 0; i < options.calls; i++) {
    pending.track(
      t.echo(data).then((r: Any) => check(r.data.length === options.bytes, 'echo length')),
    );
  }
  let maxBuffered = 0;
  const sample = () => {
    maxBuffered = Math.max(maxBuffered, serverSocket.writableLength);
  };
  // The server either stops reading (backpressure) or, without it, answers every call.
  await until(
    () => {
      sample();
      return serverSocket.isPaused() || answered === options.calls;
    },
    () => `the server neither paused nor answered (${answered} of ${options.calls})`,
  );
  // Paused, it stays put: nothing more is read or answered while the client does not read.
  const answeredBeforeResume = answered;
  for (let i = 0; i < 20; i++) {
    sample();
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  sample();
  socket.resume();
  const outcomes = await pending.allSettled('the echo calls');
  const failed = outcomes.filter((o) => o.status === 'rejected');
  check(failed.length === 0, `${failed.length} echo calls failed`);
  check(answered === options.calls, `${answered} of ${options.calls} calls answered`);
  const serverSide = [...tcp.server.connections][0] as capnp.RpcConnection;
  t.release();
  await expectTables([client.connection, serverSide], {}, 'both ends after the slow reader');
  await client.close();
  await tcp.stop();
  return {
    requestedBytes: options.calls * options.bytes,
    maxBufferedBytes: maxBuffered,
    answeredBeforeResume,
    calls: options.calls,
  };
}

/**
 * Two peers each answering the other's large calls at the same time over one TCP connection
 * (each end a TwoPartyClient offering a Tester): more unsent results pile up on both sides
 * than the high-water mark, and neither may stop reading for good — every call completes.
 */
export async function bothWays(options: {
  readonly calls: number;
  readonly bytes: number;
}): Promise<{ calls: number }> {
  let accepted: capnp.TwoPartyClient | undefined;
  const listener = createServer((socket) => {
    accepted = new capnp.TwoPartyClient(socket, { bootstrap: new TsTester() });
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const { port } = listener.address() as { port: number };
  const near = new capnp.TwoPartyClient(await connectTo(port), { bootstrap: new TsTester() });
  await until(
    () => accepted !== undefined,
    () => 'the far end was not accepted',
  );
  const far = accepted as capnp.TwoPartyClient;
  const data = new Uint8Array(options.bytes).fill(5);
  const pending = new PendingPromises();
  const ends = [near, far];
  const testers = ends.map((c) => c.bootstrap().castAs(interop.Tester));
  for (let i = 0; i < options.calls; i++) {
    for (const t of testers) {
      pending.track(t.echo(data).then((r: Any) => check(r.data.length === options.bytes, 'echo')));
    }
  }
  const outcomes = await pending.allSettled('the calls both ways');
  check(
    outcomes.every((o) => o.status === 'fulfilled'),
    'a call both ways failed',
  );
  for (const t of testers) t.release();
  await expectTables(
    ends.map((c) => c.connection),
    {},
    'both ends after the calls',
  );
  await near.close();
  await far.close();
  await new Promise<void>((resolve) => listener.close(() => resolve()));
  return { calls: outcomes.length };
}
