import type { Type } from '@capnp-kit/compiler/schema';
import type { StructBuilderBase, StructSchema, StructType } from '@capnp-kit/runtime';
import type { Rng } from '../engine/rng.js';
import { enumById, structById } from './schemas.js';

/**
 * Populated messages of any loaded struct type, for seed corpora: every field gets a value of
 * its type (boundary numbers, non-ASCII text, short lists, nested structs a few levels deep),
 * one member of each union. Built from reflection, through `newMessage(init)`; fields the
 * sampler cannot fill (capabilities, AnyPointer, unbound generic parameters) stay unset.
 */

const INT_RANGES: Record<string, [number, number]> = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
  uint8: [0, 255],
  uint16: [0, 65535],
  uint32: [0, 4294967295],
};

const TEXTS = [
  '',
  'a',
  'Alice',
  'caf\u00e9 \u20ac \u{1f600}',
  'line\nbreak "quoted" \\',
  'x'.repeat(40),
];

function sampleScalar(which: string, rng: Rng): unknown {
  const range = INT_RANGES[which];
  if (range !== undefined) {
    const [lo, hi] = range;
    return rng.pick([lo, hi, 0, 1, lo < 0 ? -1 : 2, lo + rng.below(hi - lo + 1)]);
  }
  switch (which) {
    case 'void':
      return null;
    case 'bool':
      return rng.oneIn(2);
    case 'int64':
      return rng.pick([-(2n ** 63n), 2n ** 63n - 1n, 0n, -1n, BigInt(rng.u32()) << 20n]);
    case 'uint64':
      return rng.pick([0n, 2n ** 64n - 1n, 1n, BigInt(rng.u32()) << 24n]);
    case 'float32':
    case 'float64':
      return rng.pick([0, -0, 1.5, -2.25e10, 1e-30, Number.POSITIVE_INFINITY, Number.NaN]);
    case 'text':
      return rng.pick(TEXTS);
    case 'data':
      return Uint8Array.from({ length: rng.below(12) }, () => rng.below(256));
    default:
      return undefined;
  }
}

function sampleValue(type: Type, rng: Rng, depth: number): unknown {
  switch (type.which) {
    case 'list': {
      if (depth <= 0) return undefined;
      const items: unknown[] = [];
      const n = rng.below(4);
      for (let i = 0; i < n; i++) {
        const v = sampleValue(type.elementType, rng, depth - 1);
        if (v === undefined) return undefined;
        items.push(v);
      }
      return items;
    }
    case 'enum': {
      const e = enumById(type.typeId);
      const names = e?.schema.enumerants.map((x) => x.name) ?? [];
      return names.length === 0 ? undefined : rng.pick(names);
    }
    case 'struct': {
      const s = structById(type.typeId);
      if (s === undefined || depth <= 0 || type.brand?.scopes) return undefined;
      return sampleStruct(s.schema, rng, depth - 1);
    }
    case 'interface':
    case 'anyPointer':
      return undefined;
    default:
      return sampleScalar(type.which, rng);
  }
}

/** A plain init object for a struct (or group) schema. */
export function sampleStruct(
  schema: StructSchema,
  rng: Rng,
  depth: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const names = [...schema.nonUnionFields];
  if (schema.unionFields.length > 0) names.push(rng.pick(schema.unionFields));
  for (const name of names) {
    const f = schema.fields[name];
    if (f === undefined) continue;
    const v =
      f.isGroup && f.group !== undefined
        ? sampleStruct(f.group, rng, depth)
        : f.type === undefined
          ? undefined
          : sampleValue(f.type, rng, depth);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/**
 * A new message of `type` holding a sample. A field whose value the runtime refuses is left
 * out (the sampler does not know every constraint, such as generic bindings).
 */
export function sampleMessage(
  type: StructType,
  rng: Rng,
  options?: { firstSegmentWords?: number },
): StructBuilderBase {
  const init = sampleStruct(type.schema, rng, 3);
  const builderOptions =
    options?.firstSegmentWords === undefined
      ? undefined
      : { firstSegmentWords: options.firstSegmentWords, growHeuristically: false };
  try {
    return type.newMessage(init, builderOptions);
  } catch {
    // Keep the fields that the runtime accepts one by one.
    const kept: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(init)) {
      try {
        type.newMessage({ [k]: v });
        kept[k] = v;
      } catch {
        // Left unset.
      }
    }
    return type.newMessage(kept, builderOptions);
  }
}
