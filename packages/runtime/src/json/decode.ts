import type { Type } from '@capnp-kit/compiler/schema';
import { CapnpError } from '../errors.js';
import type { ListBuilderBase } from '../list-base.js';
import type { StructBuilderBase } from '../struct-base.js';
import type { FieldInfo } from '../struct-info.js';
import { binaryToBytes, stringToBinary } from '../text/binary-string.js';
import {
  convertNumber,
  isNumeric,
  type NumberValue,
  type NumericType,
  parseCDouble,
  parseCInteger,
} from '../text/numbers.js';
import { setTextBytes, setTextElementBytes } from '../text/set-text.js';
import { JSON_VALUE, type JsonSchema, jsonSchemaFor, type StructJson } from './annotations.js';
import type { JsonNode } from './json-value.js';
import { readJson } from './read-json.js';

/**
 * JSON into a message, as `capnp convert json:binary` reads it (json.c++'s JsonCodec with
 * `handleByAnnotation`): members are matched by (annotated) name, unknown ones ignored; a member
 * given twice is set twice (the last wins); integers may be numbers or strings (`"0x10"` too);
 * floats may be `null` (NaN) or strings (`"Infinity"`, `"NaN"`); enums names or numbers; Data an
 * array of bytes (or a base64/hex string by annotation). A union tag (`$Json.discriminator`) may
 * come after the members it selects: those are retried once it has been seen.
 */

/** Options of `fromJSON`. */
export interface FromJsonOptions {
  /**
   * Called with problems the reference reports but recovers from — a number out of range for its
   * field (stored wrapped, clamped or truncated as the reference stores it), a string that is not
   * a number (stored as 0), a list member that is not an array (stored empty). Without it they
   * throw. Anything else always throws.
   */
  onError: (error: CapnpError) => void;
}

type Report = (message: string) => void;

function fail(message: string): CapnpError {
  return new CapnpError('invalid-json', message);
}

function describe(node: JsonNode): string {
  return node.kind === 'string' ? 'a string' : node.kind === 'array' ? 'an array' : `${node.kind}`;
}

const B64: Record<string, number> = {};
for (const [i, c] of [
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
].entries()) {
  B64[c] = i;
}

/** Base64 as kj decodes it: characters outside the alphabet (padding too) are skipped. */
export function decodeBase64(text: string): Uint8Array {
  const out: number[] = [];
  let acc = 0;
  let n = 0;
  for (const c of text) {
    const v = B64[c];
    if (v === undefined) continue;
    acc = (acc << 6) | v;
    n++;
    if (n === 4) {
      out.push((acc >> 16) & 255, (acc >> 8) & 255, acc & 255);
      acc = 0;
      n = 0;
    }
  }
  if (n === 2) out.push((acc >> 4) & 255);
  if (n === 3) out.push((acc >> 10) & 255, (acc >> 2) & 255);
  return Uint8Array.from(out);
}

function hexDigit(c: string | undefined): number {
  const v = c === undefined ? Number.NaN : Number.parseInt(c, 16);
  return Number.isNaN(v) ? 0 : v;
}

/** Hex as kj decodes it: pairs of digits; a bad digit counts 0 and an odd last one is dropped. */
export function decodeHex(text: string): Uint8Array {
  const out = new Uint8Array(text.length >> 1);
  for (let i = 0; i < out.length; i++) {
    out[i] = (hexDigit(text[i * 2]) << 4) | hexDigit(text[i * 2 + 1]);
  }
  return out;
}

type Target = Record<string, unknown> & StructBuilderBase;

class Decoder {
  constructor(
    readonly schema: JsonSchema,
    readonly report: Report,
  ) {}

  struct(node: JsonNode, b: StructBuilderBase): void {
    if (b.$meta.info.node.id === JSON_VALUE) {
      writeJsonValue(node, b);
      return;
    }
    if (node.kind !== 'object') {
      throw fail(`Expected an object for ${b.$meta.info.node.displayName}, got ${describe(node)}.`);
    }
    const shape = this.schema.struct(b.$meta.info);
    const seen = new Set<string>();
    let pending = node.fields.filter((f) => !this.member(shape, f.name, f.value, b, seen));
    // Members of a union whose tag comes later are retried until no more can be placed.
    while (pending.length > 0) {
      const again = pending.filter((f) => !this.member(shape, f.name, f.value, b, seen));
      if (again.length === pending.length) break;
      pending = again;
    }
  }

  // json.c++'s AnnotatedHandler::decodeField: false when it must wait for the union's tag.
  member(
    shape: StructJson,
    name: string,
    value: JsonNode,
    b: StructBuilderBase,
    seen: Set<string>,
  ): boolean {
    const how = shape.byName.get(name);
    if (how === undefined) return true;
    const unionKey = `${b._segment.id}:${b._dataByte + shape.info.discriminantByte}`;
    switch (how.kind) {
      case 'normal': {
        const fj = shape.fields[how.index];
        if (fj !== undefined) this.field(b, fj.field, fj.encoding, value);
        return true;
      }
      case 'flattened': {
        const fj = shape.fields[how.index];
        if (fj?.flatten === undefined) return true;
        const inner = (b as Target)[fj.field.name] as StructBuilderBase;
        return this.member(fj.flatten, name.slice(how.prefixLength), value, inner, seen);
      }
      case 'union-tag': {
        if (value.kind !== 'string') {
          throw fail(`The union tag '${name}' must be a string, got ${describe(value)}.`);
        }
        const f = shape.tagValues.get(value.value);
        if (f !== undefined) {
          // Clearing a member makes it the active one without allocating anything.
          b.clear(f.name);
          seen.add(unionKey);
        }
        return true;
      }
      case 'flattened-from-union':
      case 'union-value': {
        if (!seen.has(unionKey)) return false;
        const active = shape.fields.find((x) => x.field.name === b.which());
        if (active === undefined) return true;
        if (how.kind === 'union-value') {
          this.field(b, active.field, active.encoding, value);
          return true;
        }
        if (active.flatten === undefined) {
          throw fail(
            `'${name}' belongs to a flattened member, but '${active.field.name}' is not flattened.`,
          );
        }
        const inner = (b as Target)[active.field.name] as StructBuilderBase;
        return this.member(active.flatten, name.slice(how.prefixLength), value, inner, seen);
      }
    }
  }

  field(
    b: StructBuilderBase,
    f: FieldInfo,
    encoding: 'base64' | 'hex' | undefined,
    value: JsonNode,
  ): void {
    const t = b as Target;
    const type = f.type;
    if (type === undefined) {
      this.struct(value, b.init(f.name) as StructBuilderBase);
      return;
    }
    if (encoding !== undefined) {
      // The reference reads the member as a string whatever it is.
      const text = value.kind === 'string' ? value.value : '';
      t[f.name] = encoding === 'hex' ? decodeHex(text) : decodeBase64(text);
      return;
    }
    switch (type.which) {
      case 'struct':
        this.struct(value, b.init(f.name) as StructBuilderBase);
        return;
      case 'list': {
        const items = this.items(value, type);
        const list = b.init(f.name, items.length) as ListBuilderBase;
        this.fillList(list, type.elementType, items);
        return;
      }
      case 'text':
        setTextBytes(b, f, this.text(value));
        return;
      default:
        t[f.name] = this.scalar(value, type);
    }
  }

  items(value: JsonNode, type: Type): readonly JsonNode[] {
    if (value.kind === 'array') return value.items;
    if (type.which === 'data') throw fail(`Expected data value, got ${describe(value)}.`);
    this.report(`Expected list value, got ${describe(value)}.`);
    return [];
  }

  fillList(list: ListBuilderBase, element: Type, items: readonly JsonNode[]): void {
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as JsonNode;
      switch (element.which) {
        case 'struct':
          this.struct(item, list.get(i) as StructBuilderBase);
          break;
        case 'list': {
          const inner = this.items(item, element);
          const sub = (list as unknown as { init(i: number, n: number): ListBuilderBase }).init(
            i,
            inner.length,
          );
          this.fillList(sub, element.elementType, inner);
          break;
        }
        case 'text':
          setTextElementBytes(list, i, this.text(item));
          break;
        default:
          list.set(i, this.scalar(item, element));
      }
    }
  }

  text(value: JsonNode): Uint8Array {
    if (value.kind !== 'string') throw fail(`Expected text value, got ${describe(value)}.`);
    return binaryToBytes(value.value);
  }

  scalar(value: JsonNode, type: Type): unknown {
    if (isNumeric(type)) return this.number(value, type.which);
    switch (type.which) {
      case 'void':
        return null;
      case 'bool':
        if (value.kind !== 'boolean') throw fail(`Expected boolean value, got ${describe(value)}.`);
        return value.value;
      case 'data': {
        if (value.kind !== 'array') throw fail(`Expected data value, got ${describe(value)}.`);
        return Uint8Array.from(value.items, (x) => {
          if (
            x.kind !== 'number' ||
            !(x.value >= 0 && x.value <= 255 && Number.isInteger(x.value))
          ) {
            throw fail('Number in byte array is not an integer in [0, 255].');
          }
          return x.value;
        });
      }
      case 'enum': {
        if (value.kind === 'number') {
          // A C cast of the double to uint16_t.
          return Number.isFinite(value.value) ? Math.trunc(value.value) & 0xffff : 0;
        }
        const name = value.kind === 'string' ? value.value : '';
        const ordinal = this.schema.enumNames(type.typeId).ordinals.get(name);
        if (ordinal === undefined) throw fail(`Invalid enum value: ${JSON.stringify(name)}.`);
        return ordinal;
      }
      case 'interface':
        throw fail('JSON cannot decode capabilities.');
      default:
        throw fail('JSON cannot decode AnyPointer values.');
    }
  }

  number(value: JsonNode, type: NumericType): number | bigint {
    let n: NumberValue;
    const float = type === 'float32' || type === 'float64';
    if (value.kind === 'number') n = { kind: 'float', value: value.value };
    else if (value.kind === 'null' && float) n = { kind: 'float', value: Number.NaN };
    else if (value.kind === 'string') {
      if (float) {
        const x = parseCDouble(value.value);
        if (x === undefined)
          this.report(`String does not contain valid floating number: ${value.value}`);
        n = { kind: 'float', value: x ?? 0 };
      } else {
        const unsigned = type.startsWith('u');
        const v = parseCInteger(value.value, unsigned);
        if (v === undefined) this.report(`String does not contain valid number: ${value.value}`);
        n = { kind: unsigned ? 'uint' : 'int', value: v ?? 0n };
      }
    } else {
      throw fail(`Expected ${float ? 'float' : 'integer'} value, got ${describe(value)}.`);
    }
    return convertNumber(n, type, (m) => this.report(`${m} (${describeNumber(value)})`));
  }
}

function describeNumber(node: JsonNode): string {
  return node.kind === 'number'
    ? String(node.value)
    : node.kind === 'string'
      ? node.value
      : node.kind;
}

/** Writes a JSON value into a json.capnp `Value` struct. */
function writeJsonValue(node: JsonNode, b: StructBuilderBase): void {
  const t = b as Target;
  switch (node.kind) {
    case 'null':
      t.null = null;
      return;
    case 'boolean':
      t.boolean = node.value;
      return;
    case 'number':
      t.number = node.value;
      return;
    case 'string':
      setTextBytes(b, b.$meta.info.byName.get('string') as FieldInfo, binaryToBytes(node.value));
      return;
    case 'array': {
      const list = b.init('array', node.items.length) as ListBuilderBase;
      node.items.forEach((x, i) => {
        writeJsonValue(x, list.get(i) as StructBuilderBase);
      });
      return;
    }
    case 'object': {
      const list = b.init('object', node.fields.length) as ListBuilderBase;
      node.fields.forEach((f, i) => {
        const field = list.get(i) as StructBuilderBase;
        setTextBytes(
          field,
          field.$meta.info.byName.get('name') as FieldInfo,
          binaryToBytes(f.name),
        );
        writeJsonValue(f.value, field.init('value') as StructBuilderBase);
      });
      return;
    }
    case 'call': {
      const call = b.init('call') as StructBuilderBase;
      setTextBytes(
        call,
        call.$meta.info.byName.get('function') as FieldInfo,
        binaryToBytes(node.fn),
      );
      const params = call.init('params', node.params.length) as ListBuilderBase;
      node.params.forEach((x, i) => {
        writeJsonValue(x, params.get(i) as StructBuilderBase);
      });
      return;
    }
  }
}

/** A plain JavaScript value (what `JSON.parse` returns) as a JSON node. */
export function nodeOf(v: unknown): JsonNode {
  if (v === null) return { kind: 'null' };
  switch (typeof v) {
    case 'boolean':
      return { kind: 'boolean', value: v };
    case 'number':
      return { kind: 'number', value: v };
    case 'bigint':
      // Exact, as the reference's own output writes 64-bit integers.
      return { kind: 'string', value: v.toString() };
    case 'string':
      return { kind: 'string', value: stringToBinary(v) };
    case 'object': {
      if (Array.isArray(v)) return { kind: 'array', items: v.map(nodeOf) };
      if (v instanceof Uint8Array) {
        return { kind: 'array', items: Array.from(v, (b) => ({ kind: 'number', value: b })) };
      }
      const fields = Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== undefined)
        .map(([name, x]) => ({ name: stringToBinary(name), value: nodeOf(x) }));
      return { kind: 'object', fields };
    }
    default:
      throw fail(`A ${typeof v} has no JSON form.`);
  }
}

/**
 * Fills the root struct builder `b` from JSON: text (a string, or bytes taken as they are) or a
 * parsed value (`JSON.parse`'s result; bigints are taken as exact integers).
 */
export function decodeJsonInto(
  b: StructBuilderBase,
  input: string | Uint8Array | object,
  options: Partial<FromJsonOptions> = {},
): void {
  const node =
    input instanceof Uint8Array
      ? readJson(input)
      : typeof input === 'string'
        ? readJson(binaryToBytes(stringToBinary(input)))
        : nodeOf(input);
  const onError = options.onError;
  const report: Report = (message) => {
    const e = fail(message);
    if (onError === undefined) throw e;
    onError(e);
  };
  new Decoder(jsonSchemaFor(b.$meta.info), report).struct(node, b);
}
