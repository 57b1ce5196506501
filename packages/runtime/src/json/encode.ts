import type { Type } from '@capnp-kit/compiler/schema';
import { CapnpError } from '../errors.js';
import { StructBuilderBase, StructReaderBase } from '../struct-base.js';
import type { FieldInfo } from '../struct-info.js';
import {
  binaryToBytes,
  binaryToString,
  bytesToBinary,
  stringToBinary,
} from '../text/binary-string.js';
import {
  type AnyList,
  type AnyStruct,
  activeMember,
  fieldValue,
  isFieldSet,
  isList,
  listElementType,
  readerOf,
  textElementBytes,
  textFieldBytes,
} from '../text/struct-fields.js';
import { base64 } from '../to-object.js';
import { JSON_VALUE, JsonSchema, jsonSchemaFor, type StructJson } from './annotations.js';
import { type JsonField, type JsonNode, writeJson } from './json-value.js';

/**
 * Messages as JSON, as `capnp convert binary:json` writes them (json.c++'s JsonCodec with
 * `handleByAnnotation`): Int64/UInt64 as decimal strings, Float inf/NaN as the strings
 * `"Infinity"`, `"-Infinity"`, `"NaN"`, Data as an array of byte values (or a base64/hex string
 * by annotation), enums by name (unknown ones as numbers), Void as null, groups as nested
 * objects. Every non-union field is written (pointers only when set); the active union member
 * comes last, always, even when it is a null pointer. Capabilities and AnyPointer fields
 * cannot be written (the reference refuses them too).
 */

/** Options of {@link formatJson}. */
export interface FormatJsonOptions {
  /** Compact, as `capnp convert --short` writes it (default: pretty). */
  short: boolean;
}

const HEX = '0123456789abcdef';

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX[b >> 4] + HEX[b & 15];
  return out;
}

function str(value: string): JsonNode {
  return { kind: 'string', value };
}

function num(value: number): JsonNode {
  return { kind: 'number', value };
}

class Encoder {
  constructor(readonly schema: JsonSchema) {}

  value(v: unknown, type: Type | undefined): JsonNode {
    if (type === undefined || type.which === 'struct') {
      return this.struct(readerOf(v as AnyStruct));
    }
    switch (type.which) {
      case 'void':
        return { kind: 'null' };
      case 'bool':
        return { kind: 'boolean', value: v as boolean };
      case 'int8':
      case 'int16':
      case 'int32':
      case 'uint8':
      case 'uint16':
      case 'uint32':
        return num(v as number);
      case 'int64':
      case 'uint64':
        return str(String(v));
      case 'float32':
      case 'float64': {
        const x = v as number;
        if (x === Number.POSITIVE_INFINITY) return str('Infinity');
        if (x === Number.NEGATIVE_INFINITY) return str('-Infinity');
        if (Number.isNaN(x)) return str('NaN');
        return num(x);
      }
      case 'text':
        return str(stringToBinary(v as string));
      case 'data':
        return { kind: 'array', items: Array.from(v as Uint8Array, num) };
      case 'enum':
        // An enumerant this schema does not know reads as its number.
        if (typeof v === 'number') return num(v);
        return str(this.schema.enumNames(type.typeId).bySchemaName.get(v as string) ?? '');
      case 'list':
        return this.list(v as AnyList, type.elementType);
      case 'interface':
        throw new CapnpError(
          'invalid-value',
          "JSON cannot encode capabilities (the reference's JsonCodec needs a handler for them).",
        );
      case 'anyPointer':
        throw new CapnpError(
          'invalid-value',
          "JSON cannot encode AnyPointer values (the reference's JsonCodec needs a handler for them).",
        );
    }
  }

  list(list: AnyList, element: Type): JsonNode {
    const items: JsonNode[] = new Array(list.length);
    for (let i = 0; i < list.length; i++) {
      items[i] =
        element.which === 'text'
          ? str(bytesToBinary(textElementBytes(list, i)))
          : this.value(list.get(i), element);
    }
    return { kind: 'array', items };
  }

  struct(s: StructReaderBase): JsonNode {
    const info = s.$meta.info;
    if (info.node.id === JSON_VALUE) return rawJsonValue(s);
    const fields: JsonField[] = [];
    this.gather(s, this.schema.struct(info), '', fields);
    return { kind: 'object', fields };
  }

  // json.c++'s gatherForEncode: fields of flattened structs and groups join their parent's.
  gather(s: StructReaderBase, shape: StructJson, prefix: string, out: JsonField[]): void {
    for (const fj of shape.fields) {
      const f = fj.field;
      if (f.inUnion || !isFieldSet(s, f)) continue;
      if (fj.flatten !== undefined) {
        this.gather(readerOf(fieldValue(s, f) as AnyStruct), fj.flatten, prefix + fj.prefix, out);
      } else out.push({ name: prefix + fj.name, value: this.field(s, f, fj.encoding) });
    }
    const member = activeMember(s, shape.info);
    if (member === undefined) return;
    const fj = shape.fields.find((x) => x.field === member);
    if (fj === undefined) return;
    if (shape.tagName !== undefined) {
      out.push({ name: prefix + shape.tagName, value: str(fj.nameForDiscriminant) });
    }
    if (fj.flatten !== undefined) {
      this.gather(
        readerOf(fieldValue(s, member) as AnyStruct),
        fj.flatten,
        prefix + fj.prefix,
        out,
      );
    } else if (!(member.type?.which === 'void' && shape.tagName !== undefined)) {
      out.push({ name: prefix + fj.name, value: this.field(s, member, fj.encoding) });
    }
  }

  field(s: StructReaderBase, f: FieldInfo, encoding: 'base64' | 'hex' | undefined): JsonNode {
    if (f.type?.which === 'text') return str(bytesToBinary(textFieldBytes(s, f)));
    const v = fieldValue(s, f);
    if (encoding !== undefined) {
      const bytes = v as Uint8Array;
      return str(encoding === 'hex' ? hex(bytes) : base64(bytes));
    }
    return this.value(v, f.type);
  }
}

function member(s: StructReaderBase, name: string): unknown {
  return fieldValue(s, s.$meta.info.byName.get(name) as FieldInfo);
}

function memberText(s: StructReaderBase, name: string): string {
  return bytesToBinary(textFieldBytes(s, s.$meta.info.byName.get(name) as FieldInfo));
}

function rawJsonValues(list: unknown): JsonNode[] {
  return [...(list as Iterable<StructReaderBase>)].map(rawJsonValue);
}

/** A json.capnp `Value` struct as the JSON it holds. */
function rawJsonValue(s: StructReaderBase): JsonNode {
  const which = s.which();
  switch (which) {
    case 'null':
      return { kind: 'null' };
    case 'boolean':
      return { kind: 'boolean', value: member(s, 'boolean') as boolean };
    case 'number':
      return num(member(s, 'number') as number);
    case 'string':
      return str(memberText(s, 'string'));
    case 'array':
      return { kind: 'array', items: rawJsonValues(member(s, 'array')) };
    case 'object':
      return {
        kind: 'object',
        fields: [...(member(s, 'object') as Iterable<StructReaderBase>)].map((f) => ({
          name: memberText(f, 'name'),
          value: rawJsonValue(member(f, 'value') as StructReaderBase),
        })),
      };
    case 'call': {
      const call = member(s, 'call') as StructReaderBase;
      return {
        kind: 'call',
        fn: memberText(call, 'function'),
        params: rawJsonValues(member(call, 'params')),
      };
    }
    default:
      throw new CapnpError('invalid-value', `Unknown JSON value type: ${which}.`);
  }
}

/** The JSON value of a struct or list, as the reference's codec builds it before writing. */
export function encodeJson(value: unknown): JsonNode {
  if (value instanceof StructReaderBase || value instanceof StructBuilderBase) {
    const reader = readerOf(value);
    return new Encoder(jsonSchemaFor(reader.$meta.info)).struct(reader);
  }
  if (isList(value)) {
    const element = listElementType(value);
    if (element === undefined) {
      throw new CapnpError(
        'invalid-value',
        'formatJson: this list does not know its element type.',
      );
    }
    return new Encoder(new JsonSchema()).list(value, element);
  }
  throw new CapnpError(
    'invalid-value',
    'formatJson takes a struct or list reader or builder of a loaded schema.',
  );
}

/**
 * A struct or list as JSON text, exactly as `capnp convert binary:json` writes it (without the
 * final newline): pretty by default, compact with `{ short: true }`. Text that is not valid
 * UTF-8 is decoded with U+FFFD; {@link formatJsonBytes} gives the reference's exact bytes.
 */
export function formatJson(
  value: AnyStruct | AnyList,
  options: Partial<FormatJsonOptions> = {},
): string {
  return binaryToString(writeJson(encodeJson(value), !(options.short ?? false)));
}

/** {@link formatJson} as the exact bytes the reference writes. */
export function formatJsonBytes(
  value: AnyStruct | AnyList,
  options: Partial<FormatJsonOptions> = {},
): Uint8Array {
  return binaryToBytes(writeJson(encodeJson(value), !(options.short ?? false)));
}

function plain(node: JsonNode): unknown {
  switch (node.kind) {
    case 'null':
      return null;
    case 'boolean':
    case 'number':
      return node.value;
    case 'string':
      return binaryToString(node.value);
    case 'array':
      return node.items.map(plain);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const f of node.fields) out[binaryToString(f.name)] = plain(f.value);
      return out;
    }
    case 'call':
      // Not JSON: kept as the text the reference writes for it.
      return binaryToString(writeJson(node, false));
  }
}

/**
 * A struct or list as the plain JSON value the reference writes (what `toJSON()` returns, so
 * `JSON.stringify(x)` works): the same members in the same order, but numbers are then spelled
 * the JavaScript way (`1e-7`, not kj's `1e-07`) and a repeated member name keeps only its last
 * value; {@link formatJson} writes the reference's exact text.
 */
export function toJsonValue(value: AnyStruct | AnyList): unknown {
  return plain(encodeJson(value));
}
