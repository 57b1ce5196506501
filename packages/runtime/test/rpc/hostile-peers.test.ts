import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as capnp from '@capnp-kit/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Any, expectEmptyTables, interop, settle, TsCallback, TsTester } from './support.js';

// Message sequences found by the RPC fuzzing campaign (fuzz/src/targets/rpc.ts) that broke an
// invariant, reduced to what matters and sent by a scripted peer over an in-memory transport:
// messages sent in one turn arrive in one batch, as they do when they share a TCP segment.
const rpc: Any = capnp.load(join(import.meta.dirname, '../../../compiler/std/capnp/rpc.capnp'));
const TESTER = interop.Tester.schema.id as bigint;
const SELF = 8;
const ADD = 7;
const HANG = 9;

/** The peer end of a connection to a server: rpc.capnp messages in, what the server sent out. */
function scriptedPeer(options: capnp.RpcConnectionOptions) {
  const [peer, serverEnd] = capnp.createMemoryTransportPair();
  const serverSide = new capnp.TwoPartyServer(null, options);
  const server = serverSide.accept(serverEnd);
  const received: Any[] = [];
  peer.start({
    message: (segments) => received.push(rpc.Message.fromSegments(segments)),
    malformed: () => {},
    end: () => {},
  });
  return {
    server,
    received,
    send: (init: Record<string, unknown>) => peer.send(rpc.Message.newMessage(init).toSegments()),
    sendSegments: (segments: Uint8Array[]) => peer.send(segments),
    close: () => peer.close(),
  };
}

/** Unhandled rejections while a test runs (the test fails on any). */
let rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
beforeEach(() => {
  rejections = [];
  process.on('unhandledRejection', onRejection);
});
afterEach(() => {
  process.off('unhandledRejection', onRejection);
});

describe('hostile peers (fuzzing regressions)', () => {
  it('cancels a call queued on a pipelined answer that has not run yet, without an unhandled rejection', async () => {
    // fuzz/regressions/rpc/unhandled-rejection-finish-queued-call.bin: the call on the answer
    // of self() waits in a queue until self() runs; the Finish arriving first cancels it there.
    const peer = scriptedPeer({ bootstrap: new TsTester() });
    peer.send({ bootstrap: { questionId: 0 } });
    peer.send({
      call: { questionId: 1, target: { importedCap: 0 }, interfaceId: TESTER, methodId: SELF },
    });
    peer.send({
      call: {
        questionId: 2,
        target: { promisedAnswer: { questionId: 1, transform: [{ getPointerField: 0 }] } },
        interfaceId: TESTER,
        methodId: ADD,
      },
    });
    peer.send({ finish: { questionId: 2 } });
    await settle();
    expect(rejections).toEqual([]);
    const returns = peer.received.filter((m) => m.which() === 'return');
    expect(returns.map((m) => [m.return.answerId, m.return.which()])).toEqual([
      [0, 'results'],
      [2, 'canceled'],
      [1, 'results'],
    ]);
    peer.send({ finish: { questionId: 0 } });
    peer.send({ finish: { questionId: 1 } });
    await expectEmptyTables([peer.server]);
    peer.close();
  });

  it('rejects a call whose results are malformed (was left pending, with an unhandled rejection)', async () => {
    // fuzz/regressions/rpc/pending-call-malformed-results.bin: the peer answers the server's
    // callback with results whose content is not a struct. The client here answers correctly;
    // its transport replaces each Return's results with a Text.
    const [a, b] = capnp.createMemoryTransportPair();
    const tampering: capnp.RpcTransport = {
      send(segments) {
        const m = rpc.Message.fromSegments(segments);
        if (m.which() !== 'return' || m.return.which() !== 'results') {
          a.send(segments);
          return;
        }
        const bad = rpc.Message.newMessage({ return: { answerId: m.return.answerId } });
        bad.return.results.content.setAs(capnp.Text, 'not a struct');
        a.send(bad.toSegments());
      },
      start: (receiver) => a.start(receiver),
      close: () => a.close(),
    };
    const serverSide = new capnp.TwoPartyServer(null, { bootstrap: new TsTester() });
    const server = serverSide.accept(b);
    const client = new capnp.TwoPartyClient(tampering);
    {
      using t = client.bootstrap().castAs(interop.Tester);
      let settled = false;
      const p = t.callBack(new TsCallback(), 1);
      p.then(
        () => {},
        () => {},
      ).finally(() => {
        settled = true;
      });
      await settle();
      expect(settled).toBe(true);
      const e = await p.catch((x: unknown) => x);
      expect(e).toBeInstanceOf(capnp.RpcError);
      // The server's callBack failed reading its callback's results; that reached the caller.
      expect(e).toMatchObject({ type: 'failed', code: 'remote' });
      expect((e as Error).message).toMatch(/pointer/);
    }
    expect(rejections).toEqual([]);
    await expectEmptyTables([client.connection, server]);
    await client.close();
  });

  it('fails a forwarded call whose results the peer sent malformed (was an unhandled rejection, no Return)', async () => {
    // fuzz/regressions/rpc/forwarded-malformed-results.bin: the peer's capability comes back
    // through reflect(); a call pipelined on it is forwarded to the peer, whose Return has a
    // content pointer into a segment the message does not have. Copying those results into the
    // server's own Return threw in a promise callback: the caller never got an answer.
    const [a, b] = capnp.createMemoryTransportPair();
    const tampering: capnp.RpcTransport = {
      send(segments) {
        const m = rpc.Message.fromSegments(segments);
        if (m.which() !== 'return' || m.return.which() !== 'results') {
          a.send(segments);
          return;
        }
        // Eight words fit the Message, Return and Payload; the content goes to segment 1, which
        // is not sent: a far pointer to an unknown segment.
        const bad = rpc.Message.newMessage(
          { return: { answerId: m.return.answerId } },
          { firstSegmentWords: 8 },
        );
        bad.return.results.content.setAs(capnp.Text, 'cut off');
        const [first] = bad.toSegments();
        a.send([first]);
      },
      start: (receiver) => a.start(receiver),
      close: () => a.close(),
    };
    const serverSide = new capnp.TwoPartyServer(null, { bootstrap: new TsTester() });
    const server = serverSide.accept(b);
    const client = new capnp.TwoPartyClient(tampering);
    const callback = new TsCallback();
    {
      using t = client.bootstrap().castAs(interop.Tester);
      using reflected = t.reflect(callback).cap;
      const e = await reflected.call(5).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(capnp.RpcError);
      expect((e as Error).message).toMatch(/far pointer to unknown segment/);
      // The call did reach the peer's callback: only its results were refused.
      expect(callback.seen).toEqual([5]);
    }
    await settle();
    expect(rejections).toEqual([]);
    await expectEmptyTables([client.connection, server]);
    await client.close();
  });

  it('holds a cap table of 100 000 `none` entries in small objects (each made an error with a stack)', async () => {
    // fuzz/regressions/rpc/null-cap-table-entries.bin: a Call whose params' cap table is a list
    // of zero-sized CapDescriptors (`none`, a word each under the traversal limit) made the
    // server hold ~800 bytes per entry, an RpcError and its stack for each null capability.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const entries = 100_000;
    const peer = scriptedPeer({ bootstrap: new TsTester() });
    peer.send({ bootstrap: { questionId: 0 } });
    await settle();
    const call = rpc.Message.newMessage({
      call: { questionId: 1, target: { importedCap: 0 }, interfaceId: TESTER, methodId: HANG },
    });
    call.call.params.init('capTable', entries);
    const segments = call.toSegments();
    gc();
    const before = process.memoryUsage().heapUsed;
    peer.sendSegments(segments);
    await settle();
    // The call hangs, holding its params (and their cap table) until it is cancelled.
    expect(peer.server.tableSizes().answers).toBe(2);
    gc();
    const perEntry = (process.memoryUsage().heapUsed - before) / entries;
    expect(perEntry).toBeLessThan(200);
    peer.send({ finish: { questionId: 1 } });
    peer.send({ finish: { questionId: 0 } });
    await expectEmptyTables([peer.server]);
    peer.close();
  });
});
