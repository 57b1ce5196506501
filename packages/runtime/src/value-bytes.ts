import type { Value } from '@capnp-kit/compiler/schema';
import { decodeUtf8 as decodeBytes } from '@capnp-kit/wire';

/** The encoded content of a pointer-typed default value (a one-segment message), or null. */
export function valueBytes(v: Value): Uint8Array | null {
  return v.which === 'list' || v.which === 'struct' || v.which === 'anyPointer' ? v.value : null;
}

/** Text bytes (as stored in schema values) as a string. */
export function decodeUtf8(bytes: Uint8Array): string {
  return decodeBytes(bytes, 0, bytes.length);
}
