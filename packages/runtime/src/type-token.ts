import type { PrimitiveTypeName, Type } from '@capnp-kit/compiler/schema';

/**
 * A value standing for a Cap'n Proto type: the builtins exported here, `List(…)`, and every
 * loaded struct, enum and interface type. Used to read AnyPointer fields as something
 * (`getAs(Person)`) and to apply generic parameters (`Box(Text)`).
 */
export interface TypeToken {
  /** @internal The schema type it stands for. */
  readonly $type: Type;
}

function token(which: PrimitiveTypeName): TypeToken {
  return Object.freeze({ $type: Object.freeze({ which }) as Type });
}

export const Void = token('void');
export const Bool = token('bool');
export const Int8 = token('int8');
export const Int16 = token('int16');
export const Int32 = token('int32');
export const Int64 = token('int64');
export const UInt8 = token('uint8');
export const UInt16 = token('uint16');
export const UInt32 = token('uint32');
export const UInt64 = token('uint64');
export const Float32 = token('float32');
export const Float64 = token('float64');
export const Text = token('text');
export const Data = token('data');
export const AnyPointer: TypeToken = Object.freeze({
  $type: Object.freeze({
    which: 'anyPointer',
    anyPointer: { which: 'unconstrained', kind: 'anyKind' },
  }) as Type,
});

/** The type `List(element)`. */
export function List(element: TypeToken): TypeToken {
  return Object.freeze({ $type: { which: 'list', elementType: element.$type } as Type });
}

/** True if `v` is a type token. */
export function isTypeToken(v: unknown): v is TypeToken {
  return (typeof v === 'object' || typeof v === 'function') && v !== null && '$type' in v;
}
