import { Text } from '@capnp-kit/runtime';
import type { Rng } from '../engine/rng.js';
import { framed } from './rpc-input.js';
import { type Any, interfaceIds, rpcSchema } from './rpc-schemas.js';

/**
 * rpc.capnp messages for the RPC campaign, built with the runtime from plain objects: a
 * generator of every message type with IDs drawn from a small pool (so that they often name
 * questions, answers, exports and imports that exist), and the fixed sequences the seed corpus
 * adds to the recorded sessions — the messages a well-behaved client never sends.
 */

/** IDs as a peer would use them, and boundary values. */
export function pickId(rng: Rng): number {
  if (rng.oneIn(8)) return rng.pick([0xffffffff, 0x80000000, 0x7fffffff, 65535, 256]);
  return rng.below(rng.oneIn(4) ? 32 : 6);
}

/** A method ID: Tester has 12 methods, Callback and Counter one each. */
export function pickMethodId(rng: Rng): number {
  return rng.oneIn(16) ? rng.pick([65535, 255, 13]) : rng.below(13);
}

export function pickInterfaceId(rng: Rng): bigint {
  if (rng.oneIn(8)) return rng.oneIn(2) ? 0n : 0xffffffffffffffffn;
  return rng.pick(interfaceIds());
}

const EXCEPTION_TYPES = ['failed', 'overloaded', 'disconnected', 'unimplemented'];

function exception(rng: Rng): Record<string, unknown> {
  return {
    reason: rng.pick(['', 'boom', 'x'.repeat(rng.below(300))]),
    type: rng.oneIn(8) ? rng.below(16) : rng.pick(EXCEPTION_TYPES),
    trace: rng.oneIn(4) ? 'at somewhere' : '',
  };
}

function transform(rng: Rng): Record<string, unknown>[] {
  return Array.from({ length: rng.below(4) }, () =>
    rng.oneIn(4) ? { noop: null } : { getPointerField: rng.below(rng.oneIn(8) ? 65536 : 4) },
  );
}

function promisedAnswer(rng: Rng): Record<string, unknown> {
  return { questionId: pickId(rng), transform: transform(rng) };
}

function target(rng: Rng): Record<string, unknown> {
  return rng.oneIn(2) ? { importedCap: pickId(rng) } : { promisedAnswer: promisedAnswer(rng) };
}

export function capDescriptor(rng: Rng): Record<string, unknown> {
  switch (rng.below(6)) {
    case 0:
      return { none: null };
    case 1:
      return { senderHosted: pickId(rng) };
    case 2:
      return { senderPromise: pickId(rng) };
    case 3:
      return { receiverHosted: pickId(rng) };
    case 4:
      return { receiverAnswer: promisedAnswer(rng) };
    default:
      return { thirdPartyHosted: { vineId: pickId(rng) } };
  }
}

function payload(rng: Rng): Record<string, unknown> {
  return { capTable: Array.from({ length: rng.below(4) }, () => capDescriptor(rng)) };
}

function returnBody(rng: Rng): Record<string, unknown> {
  switch (rng.below(7)) {
    case 0:
      return { results: payload(rng) };
    case 1:
      return { exception: exception(rng) };
    case 2:
      return { canceled: null };
    case 3:
      return { resultsSentElsewhere: null };
    case 4:
      return { takeFromOtherQuestion: pickId(rng) };
    case 5:
      return { acceptFromThirdParty: null };
    default:
      return { results: { capTable: [] } };
  }
}

/** A random message of any type (`depth` bounds nested `unimplemented` echoes). */
export function randomMessageInit(rng: Rng, depth = 0): Record<string, unknown> {
  switch (rng.below(depth > 1 ? 13 : 14)) {
    case 0:
      return { bootstrap: { questionId: pickId(rng) } };
    case 1:
      return {
        call: {
          questionId: pickId(rng),
          target: target(rng),
          interfaceId: pickInterfaceId(rng),
          methodId: pickMethodId(rng),
          params: payload(rng),
          sendResultsTo: rng.pick([{ caller: null }, { yourself: null }]),
          allowThirdPartyTailCall: rng.oneIn(4),
        },
      };
    case 2:
      return {
        return: { answerId: pickId(rng), releaseParamCaps: rng.oneIn(2), ...returnBody(rng) },
      };
    case 3:
      return { finish: { questionId: pickId(rng), releaseResultCaps: rng.oneIn(2) } };
    case 4:
      return {
        resolve: {
          promiseId: pickId(rng),
          ...(rng.oneIn(3) ? { exception: exception(rng) } : { cap: capDescriptor(rng) }),
        },
      };
    case 5:
      return { release: { id: pickId(rng), referenceCount: rng.oneIn(4) ? pickId(rng) : 1 } };
    case 6: {
      const context = rng.pick([
        { senderLoopback: pickId(rng) },
        { receiverLoopback: pickId(rng) },
        { accept: null },
        { provide: pickId(rng) },
      ]);
      return { disembargo: { target: target(rng), context } };
    }
    case 7:
      return { abort: exception(rng) };
    case 8:
      return { provide: { questionId: pickId(rng), target: target(rng) } };
    case 9:
      return { accept: { questionId: pickId(rng), embargo: rng.oneIn(2) } };
    case 10:
      return { join: { questionId: pickId(rng), target: target(rng) } };
    case 11:
      return rng.oneIn(2) ? { obsoleteSave: null } : { obsoleteDelete: null };
    case 12:
      return { finish: { questionId: pickId(rng) } };
    default:
      return { unimplemented: randomMessageInit(rng, depth + 1) };
  }
}

/** A random message, framed. */
export function randomFrame(rng: Rng): Uint8Array {
  const rpc: Any = rpcSchema();
  return framed(rpc.Message.newMessage(randomMessageInit(rng)).toSegments());
}

/** A message from a plain object, framed. */
export function frameOf(init: Record<string, unknown>): Uint8Array {
  const rpc: Any = rpcSchema();
  return framed(rpc.Message.newMessage(init).toSegments());
}

/** A Bootstrap carrying a legacy object ID (ez_restore's name, as Text). */
export function restoreFrame(questionId: number, name: string): Uint8Array {
  const rpc: Any = rpcSchema();
  const m = rpc.Message.newMessage({ bootstrap: { questionId } });
  m.bootstrap.deprecatedObjectId.setAs(Text, name);
  return framed(m.toSegments());
}

/** A message whose Message union discriminant is `which` (beyond the known ones: unknown types). */
export function withDiscriminant(init: Record<string, unknown>, which: number): Uint8Array {
  const rpc: Any = rpcSchema();
  const segments: Uint8Array[] = rpc.Message.newMessage(init).toSegments();
  patchDiscriminant(segments, which);
  return framed(segments);
}

/**
 * Sets the Message union discriminant of a message's segments (a copy is patched) when its root
 * is a near struct pointer in the first segment; returns the segments.
 */
export function patchDiscriminant(segments: Uint8Array[], which: number): Uint8Array[] {
  const rpc: Any = rpcSchema();
  const root = (segments[0] as Uint8Array).slice();
  segments[0] = root;
  if (root.length < 8) return segments;
  const view = new DataView(root.buffer, root.byteOffset, root.byteLength);
  const pointer = view.getUint32(0, true);
  if ((pointer & 3) !== 0 || view.getUint16(4, true) === 0) return segments;
  const dataByte = 8 + (view.getInt32(0, true) >> 2) * 8;
  const at = dataByte + Number(rpc.Message.schema.node.struct.discriminantOffset) * 2;
  if (at >= 0 && at + 2 <= root.length) view.setUint16(at, which, true);
  return segments;
}

/**
 * Sequences of messages a well-behaved client does not send, each after a Bootstrap (question
 * 0, whose answer exports the Tester as export 0): every message type, every union member, IDs
 * that exist and IDs that do not.
 */
export function fixedSequences(): Uint8Array[][] {
  const boot = frameOf({ bootstrap: { questionId: 0 } });
  const tester = interfaceIds()[0] as bigint;
  const onBootstrap = (questionId: number, methodId: number, extra: Record<string, unknown> = {}) =>
    frameOf({
      call: {
        questionId,
        target: { importedCap: 0 },
        interfaceId: tester,
        methodId,
        ...extra,
      },
    });
  return [
    [boot, frameOf({ finish: { questionId: 0, releaseResultCaps: true } })],
    [
      boot,
      frameOf({ finish: { questionId: 0 } }),
      frameOf({ release: { id: 0, referenceCount: 1 } }),
    ],
    [boot, frameOf({ release: { id: 0, referenceCount: 2 } })],
    [boot, frameOf({ bootstrap: { questionId: 0 } })],
    [boot, onBootstrap(1, 9), frameOf({ finish: { questionId: 1 } })],
    [
      boot,
      onBootstrap(1, 9),
      onBootstrap(2, 7, { target: { promisedAnswer: { questionId: 1, transform: [] } } }),
      frameOf({ finish: { questionId: 1 } }),
    ],
    [
      boot,
      onBootstrap(1, 8),
      onBootstrap(2, 8, {
        target: { promisedAnswer: { questionId: 1, transform: [{ getPointerField: 0 }] } },
      }),
    ],
    [
      boot,
      onBootstrap(1, 7, { sendResultsTo: { yourself: null } }),
      frameOf({ finish: { questionId: 1 } }),
    ],
    [boot, onBootstrap(1, 7, { sendResultsTo: { thirdParty: null } })],
    [
      boot,
      onBootstrap(1, 4, {
        params: {
          capTable: [
            { senderHosted: 3 },
            { senderPromise: 4 },
            { receiverHosted: 0 },
            { receiverAnswer: { questionId: 0 } },
            { thirdPartyHosted: { vineId: 5 } },
            { none: null },
          ],
        },
      }),
    ],
    [boot, onBootstrap(1, 3, { interfaceId: 0x1234n }), frameOf({ finish: { questionId: 1 } })],
    [boot, onBootstrap(1, 200)],
    [boot, frameOf({ resolve: { promiseId: 3, cap: { senderHosted: 4 } } })],
    [boot, frameOf({ resolve: { promiseId: 3, exception: { reason: 'no', type: 'failed' } } })],
    [boot, frameOf({ disembargo: { target: { importedCap: 0 }, context: { senderLoopback: 0 } } })],
    [
      boot,
      frameOf({
        disembargo: {
          target: { promisedAnswer: { questionId: 0 } },
          context: { senderLoopback: 1 },
        },
      }),
    ],
    [boot, frameOf({ disembargo: { target: { importedCap: 0 }, context: { accept: null } } })],
    [boot, frameOf({ disembargo: { target: { importedCap: 0 }, context: { provide: 2 } } })],
    [boot, frameOf({ return: { answerId: 0, canceled: null } })],
    [boot, frameOf({ abort: { reason: 'going away', type: 'disconnected' } })],
    [boot, frameOf({ unimplemented: { resolve: { promiseId: 0, cap: { senderHosted: 0 } } } })],
    [boot, frameOf({ unimplemented: { bootstrap: { questionId: 0 } } })],
    [boot, frameOf({ unimplemented: { call: { questionId: 1 } } })],
    [boot, frameOf({ unimplemented: { abort: { reason: 'x' } } })],
    [boot, frameOf({ unimplemented: { release: { id: 0 } } })],
    [boot, frameOf({ provide: { questionId: 1, target: { importedCap: 0 } } })],
    [boot, frameOf({ accept: { questionId: 1 } }), frameOf({ join: { questionId: 2 } })],
    [boot, frameOf({ obsoleteSave: null }), frameOf({ obsoleteDelete: null })],
    [
      boot,
      withDiscriminant({ bootstrap: { questionId: 1 } }, 99),
      withDiscriminant({ finish: { questionId: 0 } }, 14),
    ],
    [
      restoreFrame(0, 'tester'),
      restoreFrame(1, 'counter'),
      restoreFrame(2, 'later'),
      restoreFrame(3, 'nothing'),
    ],
    [
      restoreFrame(0, 'later'),
      onBootstrap(1, 7, { target: { promisedAnswer: { questionId: 0 } } }),
    ],
  ];
}
