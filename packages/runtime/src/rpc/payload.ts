import {
  copyPointer,
  type MessageBuilder,
  MessageReader,
  readCapabilityPointer,
  readStructPointer,
  Segment,
  StructReader,
  UNLIMITED_NESTING,
} from '@capnp-kit/wire';
import { BrokenClient, nullCapability, retain } from './broken-client.js';
import { releaseCapTable } from './cap-table.js';
import { ClientHook, type Payload, type Response } from './client-hook.js';
import { toRpcError } from './rpc-error.js';

/**
 * Payloads: the content of a Call or Return (or of a local call's results), walked for
 * pipelined capabilities and copied between messages with their capabilities.
 */

const UNLIMITED = {
  traversalLimitInWords: Number.POSITIVE_INFINITY,
  nestingLimit: Number.POSITIVE_INFINITY,
};

/** A payload whose content is a null pointer (the results of a call that set none). */
export function emptyPayload(): Payload {
  const segment = new Segment(0, new Uint8Array(8));
  return { message: new MessageReader([segment], UNLIMITED), segment, byte: 0, builder: null };
}

/** The payload at pointer `byte` of `segment` in a message being built (sharing its cap table). */
export function builderPayload(message: MessageBuilder, segment: Segment, byte: number): Payload {
  return { message: message.asReader(), segment, byte, builder: message };
}

/**
 * The capability at `ops` of a payload: from the content's root struct, pointer field `ops[0]`,
 * then field `ops[1]` of that struct, and so on (PromisedAnswer.transform). Returns a new
 * reference; a null pointer gives a null capability, a malformed one a broken capability.
 */
export function capabilityAt(payload: Payload, ops: readonly number[]): ClientHook {
  try {
    const m = payload.message;
    let segment = payload.segment;
    let byte = payload.byte;
    for (const index of ops) {
      const s = readStructPointer(m, segment, byte, UNLIMITED_NESTING, StructReader);
      if (s === null || index >= s.pointerCount) return nullCapability();
      segment = s.segment;
      byte = s.pointerByte + index * 8;
    }
    const i = readCapabilityPointer(m, segment, byte);
    if (i === null) return nullCapability();
    const entry = m.capTable[i];
    return entry instanceof ClientHook ? retain(entry) : nullCapability();
  } catch (e) {
    return new BrokenClient(toRpcError(e, 'protocol'));
  }
}

/**
 * Copies the content of `src` into the pointer at `byte` of `segment` in `dst`; each capability
 * it refers to gets a new reference in `dst`'s cap table.
 */
export function copyPayload(
  dst: MessageBuilder,
  segment: Segment,
  byte: number,
  src: Payload,
): void {
  const table = src.message.capTable;
  copyPointer(dst, segment, byte, src.message, src.segment, src.byte, UNLIMITED_NESTING, {
    capability: (index) => {
      const entry = table[index];
      dst.capTable.push(entry instanceof ClientHook ? retain(entry) : nullCapability());
      return dst.capTable.length - 1;
    },
  });
}

/** A response owning the capabilities of its payload's message. */
export class PayloadResponse implements Response {
  constructor(readonly payload: Payload) {}

  release(): void {
    releaseCapTable(this.payload.message.capTable as unknown[]);
  }
}
