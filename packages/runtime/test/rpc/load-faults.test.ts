import { describe, expect, it } from 'vitest';
import {
  bothWays,
  concurrentCalls,
  slowReader,
  vanishMidCall,
  vanishMidFrame,
} from './load-scenarios.js';

// Load and faults, small enough for every test run (`pnpm rpc-load`, fuzz/src/rpc-load.ts, runs
// them large). Each scenario checks its results, that every promise it made settled and that
// every RPC table is empty at the end (see load-scenarios.ts); these tests add what each shows.

describe('RPC under load and faults', () => {
  it('serves 50 TCP connections × 200 concurrent calls, tables empty afterwards', async () => {
    const r = await concurrentCalls({ connections: 50, calls: 200, transport: 'tcp' });
    expect(r.calls).toBe(10_000);
  });

  it('serves 20 in-memory connections × 500 concurrent calls, tables empty afterwards', async () => {
    const r = await concurrentCalls({ connections: 20, calls: 500, transport: 'memory' });
    expect(r.calls).toBe(10_000);
  });

  for (const side of ['client', 'server'] as const) {
    it(`rejects every call in flight with disconnected when the ${side} drops the socket mid-call`, async () => {
      const r = await vanishMidCall({ side, hanging: 20 });
      // 20 hang(), a callBack() the server was waiting on, a pipelined hang().
      expect(r.rejected).toBe(22);
      expect(r.cancelled).toBe(21);
    });
  }

  for (const how of ['destroy', 'end'] as const) {
    it(`ends the connection of a peer whose socket goes mid-frame (${how}), cancelling its calls`, async () => {
      const r = await vanishMidFrame({ how, hanging: 5 });
      expect(r.error).toMatch(/disconnected|ended in the middle of a message/);
    });
  }

  it('applies backpressure to a client that stops reading: bounded buffering, all calls answered after', async () => {
    // 200 calls × 256 KiB = 50 MiB of results asked for, none read until the server pauses.
    const r = await slowReader({ calls: 200, bytes: 256 * 1024 });
    expect(r.answeredBeforeResume).toBeLessThan(r.calls);
    // The server buffers about its high-water mark (1 MiB) plus the results of what it had
    // read: far less than what was asked for.
    expect(r.maxBufferedBytes).toBeLessThan(8 * 1024 * 1024);
  });

  it('pauses at the server’s highWaterBytes when one is given', async () => {
    const r = await slowReader({ calls: 200, bytes: 256 * 1024, highWaterBytes: 8 * 1024 * 1024 });
    expect(r.answeredBeforeResume).toBeLessThan(r.calls);
    expect(r.maxBufferedBytes).toBeGreaterThan(8 * 1024 * 1024);
    expect(r.maxBufferedBytes).toBeLessThan(16 * 1024 * 1024);
  });

  it('does not deadlock when both peers answer each other’s large calls at once', async () => {
    // 8 × 2 MiB each way: both ends hold more unsent results than the high-water mark.
    const r = await bothWays({ calls: 8, bytes: 2 * 1024 * 1024 });
    expect(r.calls).toBe(16);
  });
});
