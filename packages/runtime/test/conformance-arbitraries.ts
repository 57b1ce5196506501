import type { Type, Value } from '@capnp-kit/compiler/schema';
import fc from 'fast-check';
import { type Any, schemaNode } from './conformance-support.js';

/**
 * Random plain-object values of conformance.capnp's AllTypes and Unions (any subset of fields),
 * and what `toObject()` must give back for them: the same values with every data field present
 * (defaults where unset), Float32 rounded, unset pointer fields absent.
 */

export const int = (bits: number, signed: boolean) =>
  signed
    ? fc.integer({ min: -(2 ** (bits - 1)), max: 2 ** (bits - 1) - 1 })
    : fc.integer({ min: 0, max: 2 ** bits - 1 });
const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
const uint64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
const float = fc.double();
export const text = fc.string({ unit: 'binary', maxLength: 20 });
const data = fc.uint8Array({ maxLength: 20 });
const color = fc.constantFrom('red', 'green', 'blue', 'infraRed');
const list = <T>(a: fc.Arbitrary<T>, maxLength = 6) => fc.array(a, { maxLength });
const partial = <T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }) =>
  fc.record(model, { requiredKeys: [] }) as fc.Arbitrary<Record<string, unknown>>;

const { point } = fc.letrec<{ point: Record<string, unknown> }>((tie) => ({
  point: partial({
    x: int(32, true),
    y: int(32, true),
    label: text,
    tags: list(text, 3),
    next: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constant(undefined),
      tie('point'),
    ),
  }).map((p) => {
    if (p.next === undefined) delete p.next;
    return p;
  }),
}));

/** Arbitraries of the fields of AllTypes, by name. */
export const allTypesFields = {
  voidField: fc.constant(null),
  boolField: fc.boolean(),
  int8Field: int(8, true),
  int16Field: int(16, true),
  int32Field: int(32, true),
  int64Field: int64,
  uInt8Field: int(8, false),
  uInt16Field: int(16, false),
  uInt32Field: int(32, false),
  uInt64Field: uint64,
  float32Field: float,
  float64Field: float,
  textField: text,
  dataField: data,
  enumField: color,
  structField: point,
  emptyField: fc.constant({}),
  voidList: list(fc.constant(null)),
  boolList: list(fc.boolean(), 70),
  int8List: list(int(8, true)),
  int16List: list(int(16, true)),
  int32List: list(int(32, true)),
  int64List: list(int64),
  uInt8List: list(int(8, false)),
  uInt16List: list(int(16, false)),
  uInt32List: list(int(32, false)),
  uInt64List: list(uint64),
  float32List: list(float),
  float64List: list(float),
  textList: list(text),
  dataList: list(data),
  enumList: list(color),
  structList: list(point, 4),
  emptyList: list(fc.constant({})),
  int32ListList: list(list(int(32, true))),
  textListList: list(list(text, 3), 3),
  structListList: list(list(point, 2), 3),
  boolListList: list(list(fc.boolean(), 20), 3),
  uInt8ListListList: list(list(list(int(8, false), 4), 3), 3),
  enumListList: list(list(color)),
  dataListList: list(list(data, 3), 3),
};

/** Values of AllTypes. */
export const allTypesValue = partial(allTypesFields);

/** Values of a struct with the fields `arbitraries` (any subset of them). */
export function partialOf(arbitraries: Record<string, fc.Arbitrary<unknown>>) {
  return partial(arbitraries);
}

/** Values of Unions: one member of each union, or none. */
export const unionsValue = fc
  .tuple(
    partial({ head: text, tail: int64 }),
    fc.oneof(
      fc.constant({}),
      fc.record({ none: fc.constant(null) }),
      fc.record({ int: int(32, true) }),
      fc.record({ text }),
      fc.record({ point }),
      fc.record({ list: list(int64) }),
      fc.record({ pair: partial({ left: int(8, false), right: text }) }),
    ),
    fc.option(
      fc.oneof(
        fc.record({ flag: fc.boolean() }),
        fc.record({ color }),
        fc.record({ data }),
        fc.record({
          nested: fc
            .tuple(
              partial({ depth: int(16, false) }),
              fc.option(fc.oneof(fc.record({ leaf: float }), fc.record({ branch: list(text) })), {
                nil: undefined,
              }),
            )
            .map(([n, inner]) => (inner === undefined ? n : { ...n, inner })),
        }),
      ),
      { nil: undefined },
    ),
    fc.option(
      fc.tuple(
        partial({ x: int(16, false) }),
        fc.option(
          fc.oneof(
            fc.record({ nothing: fc.constant(null) }),
            fc.record({ flags: list(fc.boolean()) }),
            fc.record({ word: text }),
          ),
          { nil: undefined },
        ),
      ),
      { nil: undefined },
    ),
  )
  .map(([fields, member, named, grouped]) => {
    const out: Record<string, unknown> = { ...fields, ...member };
    if (named !== undefined) out.named = named;
    if (grouped !== undefined)
      out.grouped = grouped[1] === undefined ? grouped[0] : { ...grouped[0], choice: grouped[1] };
    return out;
  });

// ---------------------------------------------------------------------------------------------
// What toObject() must give back

function defaultOf(v: Value, type: Type): unknown {
  if (type.which === 'enum') return schemaNode(type.typeId).enum.enumerants[(v as Any).value].name;
  if (type.which === 'void') return null;
  return (v as Any).value;
}

function expectedValue(v: unknown, type: Type): unknown {
  switch (type.which) {
    case 'float32':
      return Math.fround(v as number);
    case 'data':
      return Uint8Array.from(v as Uint8Array);
    case 'list':
      return (v as unknown[]).map((x) => expectedValue(x, type.elementType));
    case 'struct':
      return expectedObject(v as Record<string, unknown>, type.typeId);
    default:
      return v;
  }
}

const POINTER_TYPES = new Set(['text', 'data', 'list', 'struct', 'anyPointer', 'interface']);

/**
 * What `toObject()` of struct `structId` set from `init` returns: data fields always (their
 * defaults if unset), pointer fields if set, the active union member (the first when none was
 * set), groups as objects.
 */
export function expectedObject(
  init: Record<string, unknown>,
  structId: bigint,
): Record<string, unknown> {
  const n = schemaNode(structId);
  const out: Record<string, unknown> = {};
  const fields: Any[] = n.struct.fields ?? [];
  const members = fields.filter((f) => f.discriminantValue !== 0xffff);
  const active =
    members.find((f) => f.name in init) ?? members.find((f) => f.discriminantValue === 0);
  for (const f of fields) {
    const inUnion = f.discriminantValue !== 0xffff;
    if (inUnion && f !== active) continue;
    if (f.which === 'group') {
      out[f.name] = expectedObject((init[f.name] ?? {}) as Record<string, unknown>, f.group.typeId);
      continue;
    }
    const type: Type = f.slot.type;
    if (f.name in init) out[f.name] = expectedValue(init[f.name], type);
    // (The schemas' unions all have a data field first, so an unset union shows a data field.)
    else if (!POINTER_TYPES.has(type.which)) out[f.name] = defaultOf(f.slot.defaultValue, type);
  }
  return out;
}
