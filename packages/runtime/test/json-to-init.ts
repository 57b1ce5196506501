import type { Type } from '@capnp-kit/compiler/schema';
import { type Any, fieldsOf } from './conformance-support.js';

/**
 * Turns the reference's JSON of a message (`capnp convert binary:json`) into the plain object
 * `newMessage(init)` takes: 64-bit integers as bigints, "NaN"/"Infinity" as numbers. Field types
 * come from the loaded schema nodes.
 */

/** The field `name` of struct (or group) `structId`. */
export function fieldOf(structId: bigint, name: string): Any {
  const f = fieldsOf(structId).find((x) => x.name === name);
  if (f === undefined) throw new Error(`no field ${name} in @0x${structId.toString(16)}`);
  return f;
}

function value(v: unknown, type: Type): unknown {
  switch (type.which) {
    case 'int64':
    case 'uint64':
      return BigInt(v as string);
    case 'float32':
    case 'float64':
      if (v === 'NaN') return Number.NaN;
      if (v === 'Infinity') return Number.POSITIVE_INFINITY;
      if (v === '-Infinity') return Number.NEGATIVE_INFINITY;
      return v;
    case 'list':
      return (v as unknown[]).map((x) => value(x, type.elementType));
    case 'struct':
      return initFromJson(v as Record<string, unknown>, type.typeId);
    default:
      return v;
  }
}

/** The init object of struct `structId` for its JSON `json`. */
export function initFromJson(
  json: Record<string, unknown>,
  structId: bigint,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(json)) {
    const f = fieldOf(structId, name);
    out[name] =
      f.which === 'group'
        ? initFromJson(v as Record<string, unknown>, f.group.typeId)
        : value(v, f.slot.type);
  }
  return out;
}

/**
 * Sets the fields of `b` (a builder of struct `structId`) from an init object through the
 * property API, as an application would: `b.x = v`, `b.init('list', n)`, `list[i] = v` and
 * `list.set(i, v)` by turns, `list.init(i, n)` for nested lists, `b.init('struct')` for structs
 * and union groups.
 */
export function setByProperties(b: Any, structId: bigint, init: Record<string, unknown>): void {
  for (const [name, v] of Object.entries(init)) {
    const f = fieldOf(structId, name);
    if (f.which === 'group') {
      const inUnion = f.discriminantValue !== 0xffff;
      setByProperties(
        inUnion ? b.init(name) : b[name],
        f.group.typeId,
        v as Record<string, unknown>,
      );
      continue;
    }
    const type: Type = f.slot.type;
    if (type.which === 'struct')
      setByProperties(b.init(name), type.typeId, v as Record<string, unknown>);
    else if (type.which === 'list')
      fillList(b.init(name, (v as unknown[]).length), type, v as unknown[]);
    else b[name] = v;
  }
}

function fillList(list: Any, type: Type & { which: 'list' }, items: readonly unknown[]): void {
  const element = type.elementType;
  items.forEach((item, i) => {
    if (element.which === 'struct') {
      setByProperties(
        i % 2 ? list.get(i) : list[i],
        element.typeId,
        item as Record<string, unknown>,
      );
    } else if (element.which === 'list') {
      fillList(list.init(i, (item as unknown[]).length), element, item as unknown[]);
    } else if (i % 2) list.set(i, item);
    else list[i] = item;
  });
}
