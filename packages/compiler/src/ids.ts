import { encodeUtf8 } from '@capnp-kit/wire';
import { md5 } from './md5.js';

/**
 * Type ID derivation (reference: type-id.c++). An ID is the first 8 bytes of an MD5 digest read
 * big-endian, with the top bit forced on (user-written IDs must have it set too, so derived and
 * written IDs share one space).
 */

// WebCrypto's random source exists in browsers and in Node 20 as a global.
declare const crypto: { getRandomValues(bytes: Uint8Array): Uint8Array };

const TOP_BIT = 1n << 63n;

function fold(bytes: Uint8Array): bigint {
  const digest = md5(bytes);
  return new DataView(digest.buffer).getBigUint64(0, false) | TOP_BIT;
}

/** ID of a nested declaration (struct, enum, interface, const, annotation) named `name`. */
export function childId(parentId: bigint, name: string): bigint {
  const nameBytes = encodeUtf8(name);
  const input = new Uint8Array(8 + nameBytes.length);
  new DataView(input.buffer).setBigUint64(0, parentId, true);
  input.set(nameBytes, 8);
  return fold(input);
}

/** ID of a group or named union: `index` is its position in the parent scope's field list. */
export function groupId(parentId: bigint, index: number): bigint {
  const input = new Uint8Array(10);
  const view = new DataView(input.buffer);
  view.setBigUint64(0, parentId, true);
  view.setUint16(8, index, true);
  return fold(input);
}

/** ID of the struct generated for a method's inline parameter (or result) list. */
export function methodParamsId(interfaceId: bigint, ordinal: number, isResults: boolean): bigint {
  const input = new Uint8Array(11);
  const view = new DataView(input.buffer);
  view.setBigUint64(0, interfaceId, true);
  view.setUint16(8, ordinal, true);
  input[10] = isResults ? 1 : 0;
  return fold(input);
}

/**
 * A fresh random file ID (`capnp id`): 64 random bits with the top bit set. Uses the platform's
 * cryptographic random source.
 */
export function randomId(): bigint {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return new DataView(bytes.buffer).getBigUint64(0, false) | TOP_BIT;
}

/** An ID as the reference prints it: `0x` and lowercase hex. */
export function formatId(id: bigint): string {
  return `0x${id.toString(16)}`;
}
