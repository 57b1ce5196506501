/**
 * The names every schema can use without declaring them (the reference's `Declaration.builtin*`
 * members). A user declaration of the same name shadows them.
 */
export type BuiltinKind =
  | 'void'
  | 'bool'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'float32'
  | 'float64'
  | 'text'
  | 'data'
  | 'list'
  | 'object'
  | 'anyPointer'
  | 'anyStruct'
  | 'anyList'
  | 'capability';

/** A builtin declaration: its name, kind, generic parameter count and the reference's dummy ID. */
export interface Builtin {
  readonly name: string;
  readonly kind: BuiltinKind;
  readonly genericParamCount: number;
  /** The reference numbers builtins 1000 + their position in `Declaration`'s union. */
  readonly id: bigint;
}

const TABLE: [string, BuiltinKind, number][] = [
  ['Void', 'void', 13],
  ['Bool', 'bool', 14],
  ['Int8', 'int8', 15],
  ['Int16', 'int16', 16],
  ['Int32', 'int32', 17],
  ['Int64', 'int64', 18],
  ['UInt8', 'uint8', 19],
  ['UInt16', 'uint16', 20],
  ['UInt32', 'uint32', 21],
  ['UInt64', 'uint64', 22],
  ['Float32', 'float32', 23],
  ['Float64', 'float64', 24],
  ['Text', 'text', 25],
  ['Data', 'data', 26],
  ['List', 'list', 27],
  ['Object', 'object', 28],
  ['AnyPointer', 'anyPointer', 29],
  ['AnyStruct', 'anyStruct', 30],
  ['AnyList', 'anyList', 31],
  ['Capability', 'capability', 32],
];

const byName = new Map<string, Builtin>();
const byKind = new Map<BuiltinKind, Builtin>();
for (const [name, kind, which] of TABLE) {
  const builtin: Builtin = {
    name,
    kind,
    genericParamCount: kind === 'list' ? 1 : 0,
    id: BigInt(1000 + which),
  };
  byName.set(name, builtin);
  byKind.set(kind, builtin);
}

/** The builtin named `name`, if any. */
export function lookupBuiltin(name: string): Builtin | undefined {
  return byName.get(name);
}

/** The builtin of a kind. */
export function builtin(kind: BuiltinKind): Builtin {
  return byKind.get(kind) as Builtin;
}
