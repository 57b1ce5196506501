import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../engine/rng.js';
import { InvariantViolation, type Target } from '../engine/target.js';
import { describeError } from '../engine/typed-errors.js';
import { claimedBytes, encodeInput, looseFrames, modeByte, parseInput } from './rpc-input.js';
import { type LiveOutcome, RpcHarness, SERVER_LIMIT_WORDS } from './rpc-live.js';
import { fixedSequences, randomFrame } from './rpc-messages.js';
import { mutateRpcInput } from './rpc-mutator.js';
import { type Any, rpcSchema } from './rpc-schemas.js';

/**
 * RPC frames into a live connection. Each input is what a hostile peer sends on a fresh
 * connection to a TwoPartyServer (see rpc-input.ts for the encoding, rpc-live.ts for what is
 * checked), while a well-behaved client on another connection is served. The seed corpus is
 * recorded sessions of a real client (fuzz/seeds/rpc/, written by `src/rpc-record-seeds.ts`)
 * and fixed sequences of every message type; mutation is by field of the rpc.capnp messages,
 * by frame, and by byte.
 *
 * Outcomes are labelled `<end>, <n> frames` (`served`, `aborted`, `peer-aborted`,
 * `truncated`): the frames the connection was handed are counted from them.
 */

export const SEEDS_DIR = join(import.meta.dirname, '../../seeds/rpc');

let harness: RpcHarness | undefined;

function recordedSeeds(): Uint8Array[] {
  if (!existsSync(SEEDS_DIR)) return [];
  return readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.bin'))
    .sort()
    .map((f) => new Uint8Array(readFileSync(join(SEEDS_DIR, f))));
}

function seeds(): Uint8Array[] {
  const out: Uint8Array[] = [];
  const recorded = recordedSeeds();
  const fixed = fixedSequences().map((frames) => encodeInput('memory', 0, frames));
  for (const input of [...recorded, ...fixed]) {
    const stream = input.subarray(2);
    out.push(input);
    out.push(Uint8Array.of(modeByte('stream'), 0, ...stream));
    out.push(Uint8Array.of(modeByte('stream'), 7, ...stream));
  }
  for (const input of recorded.slice(0, 4)) {
    out.push(Uint8Array.of(modeByte('tcp'), 3, ...input.subarray(2)));
  }
  const rng = new Rng(7);
  for (let i = 0; i < 32; i++) {
    out.push(encodeInput('memory', 0, [randomFrame(rng), randomFrame(rng), randomFrame(rng)]));
  }
  return out;
}

const DICTIONARY = [
  // Segment tables: one segment of 0, 1 and 2^29 words; 512 segments.
  [0, 0, 0, 0, 0, 0, 0, 0],
  [0, 0, 0, 0, 1, 0, 0, 0],
  [0, 0, 0, 0, 0, 0, 0, 0x20],
  [0xff, 0x01, 0, 0],
  // A capability pointer, a far pointer, a struct pointer of one data word.
  [3, 0, 0, 0, 0, 0, 0, 0],
  [2, 0, 0, 0, 1, 0, 0, 0],
  [0, 0, 0, 0, 1, 0, 0, 0],
].map((b) => Uint8Array.from(b));

/**
 * Bytes the cap tables of the stream's Call and Return messages are charged to the traversal
 * limit: a word per entry (a CapDescriptor list may be zero-sized structs, a word each), and the
 * server turns each entry into a capability object — work the limit lets a short frame cause.
 */
function capTableBytes(stream: Uint8Array): number {
  const rpc: Any = rpcSchema();
  let total = 0;
  for (const { segments } of looseFrames(stream)) {
    try {
      const m = rpc.Message.fromSegments(segments, { traversalLimitInWords: SERVER_LIMIT_WORDS });
      const which = m.which();
      if (which === 'call') total += 8 * m.call.params.capTable.length;
      else if (which === 'return' && m.return.which() === 'results') {
        total += 8 * m.return.results.capTable.length;
      }
    } catch {
      // The server refuses a frame it cannot read before it looks at any cap table.
    }
  }
  return total;
}

function label(o: LiveOutcome): string {
  return `${o.end}, ${o.frames} frames`;
}

export const rpcTarget: Target = {
  name: 'rpc',
  about:
    'RPC frames (rpc.capnp messages mutated by field, frame and byte) into a live TwoPartyServer connection over memory, StreamTransport and TCP, a well-behaved client served meanwhile',
  maxInputBytes: 32 * 1024,
  headerBytes: 2,
  slowMs: 5000,
  seeds,
  dictionary: () => DICTIONARY,
  mutate(input, rng, corpus) {
    return mutateRpcInput(input, rng, corpus, this.maxInputBytes);
  },
  async run(input, meter) {
    const parsed = parseInput(input);
    // A stream transport sizes a frame's buffer from its segment table.
    if (parsed.mode !== 'memory') meter.cost += claimedBytes(parsed.stream, SERVER_LIMIT_WORDS);
    meter.cost += capTableBytes(parsed.stream);
    harness ??= new RpcHarness();
    try {
      meter.label = label(await harness.run(parsed));
    } catch (e) {
      // After a violation the server or the well-behaved client may be broken: start afresh.
      const broken = harness;
      harness = undefined;
      void broken.server.close().catch(() => {});
      throw e;
    }
    return undefined;
  },
  judge(error) {
    // The campaign checks everything itself: anything else escaping is a bug of the harness or
    // of the code under test.
    return error instanceof InvariantViolation ? undefined : `escaped: ${describeError(error)}`;
  },
  describe(input) {
    const { mode, chunking, stream } = parseInput(input);
    const rpc: Any = rpcSchema();
    const kinds = looseFrames(stream).map((f) => {
      try {
        return rpc.Message.fromSegments(f.segments).which();
      } catch {
        return '?';
      }
    });
    const hex = Buffer.from(stream.subarray(0, 192)).toString('hex');
    return `${mode}, chunking ${chunking}, ${stream.length} bytes, frames [${kinds.join(' ')}]: ${hex}${stream.length > 192 ? '…' : ''}`;
  },
};
