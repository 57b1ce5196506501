import { connect, createServer, type Server as NetServer, type Socket } from 'node:net';
import {
  createMemoryTransportPair,
  type RpcConnection,
  RpcError,
  StreamTransport,
  TwoPartyServer,
} from '@capnp-kit/runtime';
import { InvariantViolation } from '../engine/target.js';
import { GoodClient } from './rpc-good-client.js';
import { chunksOf, looseFrames, type RpcInput } from './rpc-input.js';
import { PipeDuplex, ProbeTransport } from './rpc-probe.js';
import { type Any, rpcSchema } from './rpc-schemas.js';
import { newFuzzTester, newRestore, PendingRegistry } from './rpc-tester.js';
import { settle, turn, until, within } from './rpc-waits.js';

/**
 * The live side of the RPC campaign: one TwoPartyServer (a Tester as bootstrap, named objects
 * for ezRestore) serving, for each input, a hostile peer on a fresh connection — in memory,
 * through a StreamTransport, or over loopback TCP — while a well-behaved client on another
 * connection runs a workload. Per input it checks:
 *
 * - the hostile connection ends in a documented way: served (open until the peer closes it),
 *   aborted by the server (an Abort whose reason is the connection's `protocol` error, and
 *   nothing sent after it), aborted by the peer (its own Abort), or truncated (a byte stream
 *   ending inside a frame);
 * - everything the server sent is a readable rpc.capnp Message;
 * - once it ended, its tables are empty, the server forgot it, and every call it caused on the
 *   server (hanging, calling back) has settled;
 * - the well-behaved client's workload, run during the garbage, and a call after it, succeed
 *   with the right results, and its tables on both ends are back to the bootstrap alone;
 * - no uncaught exception or unhandled rejection happened meanwhile.
 */

/** The traversal limit of the server under attack (frames larger are malformed). */
export const SERVER_LIMIT_WORDS = 1024 * 1024;

/** What one input did. */
export interface LiveOutcome {
  /** `served`, `aborted`, `peer-aborted` or `truncated`. */
  readonly end: string;
  readonly frames: number;
}

/** The hostile connection of one input, whatever it runs over. */
interface Hostile {
  readonly conn: RpcConnection;
  readonly probe: ProbeTransport;
  /** Sends the stream, paced as a peer would (a turn of the event loop between frames). */
  feed(): Promise<void>;
  /** The peer closes its end. */
  close(): void;
  /** Frees what the mode opened. */
  dispose(): Promise<void>;
}

class ProcessWatch {
  readonly problems: string[] = [];
  readonly #rejection = (reason: unknown) => {
    this.problems.push(`unhandled rejection: ${describe(reason)}`);
  };
  readonly #exception = (error: unknown) => {
    this.problems.push(`uncaught exception: ${describe(error)}`);
  };

  start(): void {
    process.on('unhandledRejection', this.#rejection);
    process.on('uncaughtException', this.#exception);
  }

  stop(): void {
    process.off('unhandledRejection', this.#rejection);
    process.off('uncaughtException', this.#exception);
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e);
}

export class RpcHarness {
  readonly registry = new PendingRegistry();
  readonly server: TwoPartyServer;
  readonly #good: GoodClient;
  #goodServerSide: RpcConnection | undefined;

  constructor() {
    const tester = newFuzzTester(this.registry);
    this.server = new TwoPartyServer(null, {
      bootstrap: tester,
      restore: newRestore(tester),
      traversalLimitInWords: SERVER_LIMIT_WORDS,
    });
    const [a, b] = createMemoryTransportPair();
    this.#goodServerSide = this.server.accept(b);
    this.#good = new GoodClient(a, () => this.#goodServerSide);
  }

  /** Runs one input; throws InvariantViolation when an invariant does not hold. */
  async run(input: RpcInput): Promise<LiveOutcome> {
    const watch = new ProcessWatch();
    watch.start();
    try {
      const outcome = await this.#attack(input);
      await turn();
      if (watch.problems.length > 0) throw new InvariantViolation(watch.problems.join('\n'));
      return outcome;
    } finally {
      watch.stop();
    }
  }

  async #attack(input: RpcInput): Promise<LiveOutcome> {
    const during = this.#good.workload();
    // Its failure is reported below, after the hostile connection is dealt with.
    during.catch(() => {});
    const hostile =
      input.mode === 'memory'
        ? this.#memory(input)
        : input.mode === 'stream'
          ? this.#stream(input)
          : await this.#tcp(input);
    try {
      await hostile.feed();
      await settle(3);
      const closedByPeer = hostile.conn.isOpen;
      if (closedByPeer) hostile.close();
      const error = await within(hostile.conn.closed, 'the hostile connection');
      const end = classify(error, closedByPeer, input.mode !== 'memory');
      checkSent(hostile.probe.sent, end, error);
      await settle(2);
      checkForgotten(this.server, hostile.conn);
      await within(during, 'the well-behaved client workload');
      await this.#good.ping('after the garbage');
      await until(
        () => this.registry.size === 0,
        () =>
          `server-side work left pending after the hostile connection ended: ${this.registry.describe()}`,
      );
      await this.#good.expectBaseline();
      return { end, frames: hostile.probe.frames };
    } finally {
      await hostile.dispose();
    }
  }

  #memory(input: RpcInput): Hostile {
    const [peer, serverEnd] = createMemoryTransportPair();
    const probe = new ProbeTransport(serverEnd);
    const conn = this.server.accept(probe);
    peer.start({ message: () => {}, malformed: () => {}, end: () => {} });
    return {
      conn,
      probe,
      async feed() {
        for (const frame of looseFrames(input.stream)) {
          if (!conn.isOpen) break;
          peer.send(frame.segments);
          await turn();
        }
      },
      close: () => peer.close(),
      dispose: async () => peer.close(),
    };
  }

  #stream(input: RpcInput): Hostile {
    const duplex = new PipeDuplex();
    const probe = new ProbeTransport(
      new StreamTransport(duplex, { traversalLimitInWords: SERVER_LIMIT_WORDS }),
    );
    const conn = this.server.accept(probe);
    return {
      conn,
      probe,
      async feed() {
        for (const chunk of chunksOf(input.stream, input.chunking)) {
          if (!conn.isOpen) break;
          duplex.push(chunk);
          await turn();
        }
      },
      close: () => duplex.finish(),
      dispose: async () => duplex.destroy(),
    };
  }

  async #tcp(input: RpcInput): Promise<Hostile> {
    const accepted: { socket: Socket; conn: RpcConnection; probe: ProbeTransport }[] = [];
    const listener: NetServer = createServer((socket) => {
      const probe = new ProbeTransport(
        new StreamTransport(socket, { traversalLimitInWords: SERVER_LIMIT_WORDS }),
      );
      accepted.push({ socket, conn: this.server.accept(probe), probe });
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const { port } = listener.address() as { port: number };
    const raw = connect({ host: '127.0.0.1', port });
    raw.on('data', () => {});
    raw.on('error', () => {});
    await until(
      () => accepted.length > 0,
      () => 'the TCP listener did not accept the hostile peer',
    );
    const { socket, conn, probe } = accepted[0] as (typeof accepted)[number];
    let received = 0;
    let socketClosed = false;
    socket.on('data', (chunk: Uint8Array) => {
      received += chunk.length;
    });
    socket.on('close', () => {
      socketClosed = true;
    });
    // A well-behaved client over TCP too, served while the garbage arrives.
    const good = new GoodClient(`127.0.0.1:${port}`, () => accepted[1]?.conn);
    const served = good.ping('over TCP');
    served.catch(() => {});
    return {
      conn,
      probe,
      async feed() {
        for (const chunk of chunksOf(input.stream, input.chunking)) {
          if (!conn.isOpen) break;
          raw.write(chunk);
          await turn();
        }
        // The bytes are in the kernel: wait until the server has read them all (or hung up).
        await until(
          () => socketClosed || !conn.isOpen || received >= input.stream.length,
          () => `the server read ${received} of ${input.stream.length} bytes sent over TCP`,
        );
        await within(served, 'the well-behaved TCP client');
      },
      close: () => raw.end(),
      dispose: async () => {
        raw.destroy();
        await good.close();
        await new Promise<void>((resolve) => {
          listener.close(() => resolve());
          for (const a of accepted) a.socket.destroy();
        });
        await until(
          () => accepted.every((a) => !a.conn.isOpen),
          () => 'a TCP connection of the server did not end when its socket was destroyed',
        );
      },
    };
  }
}

/** How the hostile connection ended; InvariantViolation if not in a documented way. */
function classify(error: RpcError, closedByPeer: boolean, byteStream: boolean): string {
  if (!(error instanceof RpcError) || error.message === '') {
    throw new InvariantViolation(`connection ended without a clear RpcError: ${describe(error)}`);
  }
  const what = `${error.type}/${error.code}: ${error.message}`;
  if (closedByPeer) {
    if (error.code === 'disconnected' && error.message === 'Peer disconnected.') return 'served';
    if (
      byteStream &&
      error.code === 'disconnected' &&
      error.message === 'Connection failed: The stream ended in the middle of a message.'
    ) {
      return 'truncated';
    }
    throw new InvariantViolation(`unexpected end of a connection the peer closed: ${what}`);
  }
  if (error.type !== 'disconnected') {
    throw new InvariantViolation(`connection ended with a non-disconnected error: ${what}`);
  }
  if (error.code === 'protocol') return 'aborted';
  if (error.code === 'aborted') return 'peer-aborted';
  throw new InvariantViolation(`connection ended by itself with an unexpected error: ${what}`);
}

/** Every message the server sent reads as an rpc Message; an abort is announced, and last. */
function checkSent(sent: readonly (readonly Uint8Array[])[], end: string, error: RpcError): void {
  const rpc: Any = rpcSchema();
  let abortAt = -1;
  let reason = '';
  sent.forEach((segments, i) => {
    let which: string;
    try {
      const m = rpc.Message.fromSegments(segments);
      which = m.which();
      if (which === 'abort') {
        abortAt = i;
        reason = m.abort.reason;
      }
    } catch (e) {
      throw new InvariantViolation(`the server sent an unreadable message: ${describe(e)}`);
    }
  });
  if (end === 'aborted') {
    if (abortAt !== sent.length - 1) {
      throw new InvariantViolation(
        `protocol error without an Abort sent last (abort at ${abortAt} of ${sent.length} messages): ${error.message}`,
      );
    }
    if (reason !== error.message) {
      throw new InvariantViolation(
        `Abort reason differs from the connection's error: ${reason} vs ${error.message}`,
      );
    }
  } else if (abortAt >= 0) {
    throw new InvariantViolation(`the server sent an Abort but the connection ended as ${end}`);
  }
}

/** An ended connection holds nothing and is no longer the server's. */
function checkForgotten(server: TwoPartyServer, conn: RpcConnection): void {
  const sizes = conn.tableSizes();
  if (Object.values(sizes).some((n) => n !== 0)) {
    throw new InvariantViolation(
      `tables not empty after the connection ended: ${JSON.stringify(sizes)}`,
    );
  }
  if (server.connections.has(conn)) {
    throw new InvariantViolation('the server still lists a connection that ended');
  }
}
