import type { StructBuilder, StructReader, StructType } from '@capnp-kit/runtime';
import { pack, unpack } from '@capnp-kit/wire';

/** One message in every form the playground shows. */
export interface Encodings {
  /** The Cap'n Proto text format (`toString()`). */
  readonly text: string;
  /** The JSON the message editor shows for it. */
  readonly json: string;
  /** The standard framing: segment table, then segments. */
  readonly flat: Uint8Array;
  /** The flat bytes packed. */
  readonly packed: Uint8Array;
}

function jsonOf(message: StructReader | StructBuilder): string {
  return `${JSON.stringify(message.toJSON(), null, 2)}\n`;
}

/** Builds a message of `type` from its JSON form and encodes it. Throws on bad JSON or values. */
export function encodeJson(type: StructType, json: string): Encodings {
  const builder = type.fromJSON(json) as unknown as StructBuilder;
  return {
    text: builder.toString(),
    json,
    flat: builder.toBytes(),
    packed: builder.toBytesPacked(),
  };
}

/** Whether bytes look packed rather than flat, by the name they came with. */
function namedPacked(name: string): boolean {
  return /\.(packed|pk|capnp-packed)$/i.test(name);
}

/**
 * Reads a message of `type` from a file's bytes, flat or packed: by the name's extension when it
 * says, else flat first and packed if the bytes do not read as flat. Reading the whole message
 * (text and JSON) checks it before it is shown. The flat bytes kept are the file's own (or
 * its unpacking), so their layout is shown as written, far pointers and all.
 */
export function decodeFile(type: StructType, name: string, bytes: Uint8Array): Encodings {
  const asFlat = (flat: Uint8Array): Encodings => {
    const reader = type.fromBytes(flat) as unknown as StructReader;
    return { text: reader.toString(), json: jsonOf(reader), flat, packed: pack(flat) };
  };
  const asPacked = (): Encodings => {
    const flat = unpack(bytes);
    const reader = type.fromBytes(flat) as unknown as StructReader;
    return { text: reader.toString(), json: jsonOf(reader), flat, packed: bytes };
  };
  if (namedPacked(name)) return asPacked();
  try {
    return asFlat(bytes);
  } catch (flatError) {
    try {
      return asPacked();
    } catch {
      throw flatError;
    }
  }
}
