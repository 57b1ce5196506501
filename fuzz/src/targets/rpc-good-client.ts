import {
  type RpcConnection,
  RpcError,
  type RpcTableSizes,
  type TransportLike,
  TwoPartyClient,
} from '@capnp-kit/runtime';
import { InvariantViolation } from '../engine/target.js';
import { type Any, interopSchema } from './rpc-schemas.js';
import { newCallback } from './rpc-tester.js';
import { settle, until, within } from './rpc-waits.js';

/**
 * A well-behaved client of the server under attack, on a connection of its own. Its workload
 * uses what a real client does — plain calls, a pipelined chain, a callback the server calls,
 * a capability made on the server and released, an exception, a cancelled call, a capability
 * sent to the server and back (an embargo) — and checks every result; between workloads its
 * connection's tables, on both ends, must be back to holding only the bootstrap capability.
 */

const BASELINE_CLIENT: RpcTableSizes = {
  questions: 0,
  answers: 0,
  imports: 1,
  exports: 0,
  embargoes: 0,
};
const BASELINE_SERVER: RpcTableSizes = {
  questions: 0,
  answers: 0,
  imports: 0,
  exports: 1,
  embargoes: 0,
};

function expectEqual(what: string, got: unknown, want: unknown): void {
  const show = (v: unknown) =>
    JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x)) ?? String(v);
  if (show(got) !== show(want)) {
    throw new InvariantViolation(
      `well-behaved client: ${what}: got ${show(got)}, want ${show(want)}`,
    );
  }
}

export class GoodClient {
  readonly client: TwoPartyClient;
  readonly tester: Any;

  /** Connects over `transport`; `serverSide` gives the server's end once it exists. */
  constructor(
    transport: TransportLike | string,
    readonly serverSide: () => RpcConnection | undefined,
  ) {
    this.client = new TwoPartyClient(transport as TransportLike);
    this.tester = this.client.bootstrap().castAs(interopSchema().Tester);
  }

  /** One small call (the check made after every garbage connection). */
  async ping(what: string): Promise<void> {
    const r: Any = await within(this.tester.add(40, 2), `well-behaved client's call ${what}`);
    expectEqual(`add(40, 2) ${what}`, r.sum, 42);
  }

  /** The workload, its calls concurrent; throws InvariantViolation on a wrong result. */
  async workload(): Promise<void> {
    const t = this.tester;
    const checks: Promise<void>[] = [
      (async () => expectEqual('add(20, 22)', (await t.add(20, 22)).sum, 42))(),
      (async () => {
        using self = t.self();
        using again = self.tester;
        expectEqual('self().tester.add(1, 2)', (await again.add(1, 2)).sum, 3);
      })(),
      (async () => {
        // The server calls back 1, 2, 3; the callback answers value + 1.
        expectEqual('callBack(callback, 3)', (await t.callBack(newCallback(), 3)).sum, 9n);
      })(),
      (async () => {
        using made = t.newCounter();
        using counter = made.counter;
        expectEqual('counter.next()', (await counter.next()).value, 1);
        expectEqual('counter.next() again', (await counter.next()).value, 2);
      })(),
      (async () => {
        const data = Uint8Array.from({ length: 200 }, (_, i) => i);
        expectEqual('echo(200 bytes)', [...(await t.echo(data)).data], [...data]);
      })(),
      (async () => {
        try {
          await t.fail('refused', 1);
          throw new InvariantViolation('well-behaved client: fail() returned');
        } catch (e) {
          if (e instanceof InvariantViolation) throw e;
          const r = e as RpcError;
          expectEqual(
            'fail() error',
            [r instanceof RpcError, r.type, r.code, r.message],
            [true, 'overloaded', 'remote', 'refused'],
          );
        }
      })(),
      (async () => {
        const abort = new AbortController();
        const hang = t.hang({ signal: abort.signal });
        abort.abort();
        try {
          await hang;
          throw new InvariantViolation('well-behaved client: a cancelled hang() returned');
        } catch (e) {
          if (e instanceof InvariantViolation) throw e;
          expectEqual('cancelled hang() error code', (e as RpcError).code, 'canceled');
        }
      })(),
      (async () => {
        // The callback goes to the server and comes back: calls on it keep their order.
        using back = t.reflect(newCallback());
        using cap = back.cap;
        expectEqual('reflect(callback).cap.call(5)', (await cap.call(5)).value, 6);
      })(),
    ];
    await within(Promise.all(checks), 'the well-behaved client workload');
  }

  /** Both ends of the connection hold only the bootstrap capability (after in-flight messages). */
  async expectBaseline(): Promise<void> {
    await settle(4);
    const server = this.serverSide();
    await until(
      () =>
        sameSizes(this.client.connection.tableSizes(), BASELINE_CLIENT) &&
        server !== undefined &&
        sameSizes(server.tableSizes(), BASELINE_SERVER),
      () =>
        `well-behaved client tables not back to the bootstrap alone: client ${JSON.stringify(this.client.connection.tableSizes())}, server ${JSON.stringify(server?.tableSizes())}`,
    );
    if (!this.client.connection.isOpen) {
      throw new InvariantViolation(
        `well-behaved client disconnected: ${this.client.connection.error?.message}`,
      );
    }
  }

  async close(): Promise<void> {
    this.tester.release();
    await this.client.close();
  }
}

function sameSizes(a: RpcTableSizes, b: RpcTableSizes): boolean {
  return (
    a.questions === b.questions &&
    a.answers === b.answers &&
    a.imports === b.imports &&
    a.exports === b.exports &&
    a.embargoes === b.embargoes
  );
}
