import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import * as capnp from '@capnp-kit/runtime';
import { encodeFrame } from '@capnp-kit/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Any, interop, TsTester } from './support.js';

// Hostile and broken peers, scripted byte for byte against a TypeScript server over TCP: each
// gets an Abort naming what was wrong and is disconnected; the server goes on serving others.
const rpc: Any = capnp.load(join(import.meta.dirname, '../../../compiler/std/capnp/rpc.capnp'));

/** A raw connection: frames written as given, messages read as rpc.capnp Messages. */
class RawPeer {
  readonly #socket: Socket;
  readonly #messages: AsyncIterator<Any>;
  readonly closed: Promise<void>;

  constructor(port: number) {
    this.#socket = connect({ host: '127.0.0.1', port });
    this.#messages = rpc.Message.readMultiple(this.#socket)[Symbol.asyncIterator]();
    this.closed = new Promise((resolve) => this.#socket.on('close', () => resolve()));
  }

  write(bytes: Uint8Array): void {
    this.#socket.write(bytes);
  }

  send(init: Record<string, unknown>): void {
    this.write(rpc.Message.newMessage(init).toBytes());
  }

  /** The next message from the server (undefined once it closed). */
  async next(): Promise<Any> {
    const r = await this.#messages.next();
    return r.done ? undefined : r.value;
  }

  /** Expects an Abort (then the end of the connection); returns its reason. */
  async abortReason(): Promise<string> {
    const m = await this.next();
    expect(m?.which()).toBe('abort');
    expect(await this.next()).toBeUndefined();
    await this.closed;
    return m.abort.reason;
  }

  end(): void {
    this.#socket.end();
  }
}

/** The bytes of a message whose union discriminant is patched to `which`. */
function withDiscriminant(init: Record<string, unknown>, which: number): Uint8Array {
  const segments = rpc.Message.newMessage(init).toSegments();
  const root = segments[0] as Uint8Array;
  const view = new DataView(root.buffer, root.byteOffset);
  const dataWord = 8 + (view.getUint32(0, true) >> 2) * 8;
  view.setUint16(dataWord, which, true);
  return encodeFrame(segments);
}

describe('faults', () => {
  let server: capnp.TwoPartyServer;
  let port: number;
  beforeAll(async () => {
    server = new capnp.TwoPartyServer('127.0.0.1:0', { bootstrap: new TsTester() });
    ({ port } = await server.listening);
  });
  afterAll(() => server.close());

  /** A well-behaved client still gets served. */
  async function stillServing(): Promise<void> {
    const client = new capnp.TwoPartyClient(`127.0.0.1:${port}`);
    using t = client.bootstrap().castAs(interop.Tester);
    expect((await t.add(20, 22)).sum).toBe(42);
    await client.close();
  }

  const cases: { name: string; input: () => Uint8Array; want: RegExp }[] = [
    {
      name: 'a segment table claiming too many segments',
      input: () => new Uint8Array([0xff, 0x03, 0, 0, 1, 0, 0, 0]),
      want: /malformed frame.*too many segments/i,
    },
    {
      name: 'an oversized frame (more words than the traversal limit)',
      input: () => new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0x10]),
      want: /malformed frame.*too large/i,
    },
    {
      name: 'a frame whose root pointer points outside its segment',
      input: () => encodeFrame([new Uint8Array([0xfc, 0xff, 0, 0, 1, 0, 1, 0])]),
      want: /malformed RPC message.*out-of-bounds/i,
    },
    {
      name: 'an empty message',
      input: () => new Uint8Array(8),
      want: /malformed RPC message/i,
    },
    {
      name: 'a call to an export that does not exist',
      input: () =>
        rpc.Message.newMessage({
          call: { questionId: 0, target: { importedCap: 42 }, interfaceId: 1n, methodId: 0 },
        }).toBytes(),
      want: /Call target 42 is not an export/,
    },
    {
      name: 'a call pipelined on a question that was never asked',
      input: () =>
        rpc.Message.newMessage({
          call: {
            questionId: 0,
            target: { promisedAnswer: { questionId: 7, transform: [] } },
            interfaceId: 1n,
            methodId: 0,
          },
        }).toBytes(),
      want: /PromisedAnswer names question 7, which is not an answer/,
    },
    {
      name: 'a Return for a question never asked',
      input: () => rpc.Message.newMessage({ return: { answerId: 5, canceled: null } }).toBytes(),
      want: /Return for question 5, which was not asked/,
    },
    {
      name: 'a Finish for a question never asked',
      input: () => rpc.Message.newMessage({ finish: { questionId: 3 } }).toBytes(),
      want: /Finish for question 3, which is not an answer/,
    },
    {
      name: 'a Release of an export that does not exist',
      input: () => rpc.Message.newMessage({ release: { id: 9, referenceCount: 1 } }).toBytes(),
      want: /Release of export 9, which does not exist/,
    },
    {
      name: 'a Disembargo for an embargo that does not exist',
      input: () =>
        rpc.Message.newMessage({
          disembargo: { target: { importedCap: 0 }, context: { receiverLoopback: 4 } },
        }).toBytes(),
      want: /Disembargo for embargo 4, which does not exist/,
    },
    {
      name: 'a capability descriptor naming an export that does not exist',
      input: () =>
        rpc.Message.newMessage({
          resolve: { promiseId: 0, cap: { receiverHosted: 11 } },
        }).toBytes(),
      want: /receiverHosted 11 is not an export/,
    },
    {
      name: 'an unimplemented echo of a message this side requires',
      input: () =>
        rpc.Message.newMessage({ unimplemented: { finish: { questionId: 0 } } }).toBytes(),
      want: /Peer did not implement required RPC message type \(finish\)/,
    },
  ];

  for (const c of cases) {
    it(`aborts on ${c.name}, and keeps serving others`, async () => {
      const peer = new RawPeer(port);
      peer.write(c.input());
      expect(await peer.abortReason()).toMatch(c.want);
      await stillServing();
    });
  }

  it('aborts on a question ID used twice', async () => {
    const peer = new RawPeer(port);
    peer.send({ bootstrap: { questionId: 0 } });
    expect((await peer.next()).which()).toBe('return');
    peer.send({ bootstrap: { questionId: 0 } });
    expect(await peer.abortReason()).toMatch(/Question ID 0 is already in use/);
    await stillServing();
  });

  it('echoes message types it does not implement as unimplemented, and goes on', async () => {
    const peer = new RawPeer(port);
    // A type from beyond this protocol version, then a level-3 `provide`.
    peer.write(withDiscriminant({ bootstrap: { questionId: 0 } }, 99));
    const echo = await peer.next();
    expect(echo.which()).toBe('unimplemented');
    expect(echo.unimplemented.which()).toBe('(unknown union member 99)');
    peer.send({ provide: { questionId: 1 } });
    const echo2 = await peer.next();
    expect(echo2.which()).toBe('unimplemented');
    expect(echo2.unimplemented.which()).toBe('provide');
    // The connection still works.
    peer.send({ bootstrap: { questionId: 0 } });
    const ret = await peer.next();
    expect(ret.which()).toBe('return');
    expect(ret.return.results.capTable.get(0).which()).toBe('senderHosted');
    peer.end();
    await peer.closed;
  });

  it('disconnects on an Abort from the peer; pending calls fail with its reason', async () => {
    const client = new capnp.TwoPartyClient(`127.0.0.1:${port}`);
    using t = client.bootstrap().castAs(interop.Tester);
    await t.add(1, 1);
    const hang = t.hang();
    // The newest connection of the server is this client's.
    const serverSide = [...server.connections].at(-1) as capnp.RpcConnection;
    serverSide.abort(new capnp.RpcError('failed', 'shutting down', 'local'));
    await expect(hang).rejects.toMatchObject({
      type: 'disconnected',
      code: 'aborted',
      message: 'Peer aborted the connection: shutting down',
    });
    await stillServing();
  });

  it('ends a connection whose peer stops in the middle of a frame', async () => {
    const peer = new RawPeer(port);
    peer.write(
      rpc.Message.newMessage({ bootstrap: { questionId: 0 } })
        .toBytes()
        .subarray(0, 20),
    );
    peer.end();
    expect(await peer.next()).toBeUndefined();
    await stillServing();
  });
});
