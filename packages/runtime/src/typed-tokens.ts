import type {
  BuiltinValues,
  ListValues,
  TypedToken,
  ValuesOf,
  ValueTypes,
} from './public-types.js';
import * as tokens from './type-token.js';

/**
 * The built-in type tokens of type-token.ts as the package exports them: the same objects,
 * typed with the values they stand for (public-types.ts), so that TypeScript knows what
 * `Box(Text)`, `List(Int32)` and `any.getAs(Data)` give.
 */

/** The token of a built-in type. */
export type BuiltinToken<K extends keyof BuiltinValues> = TypedToken<BuiltinValues[K]>;

export const Void: BuiltinToken<'void'> = tokens.Void;
export const Bool: BuiltinToken<'bool'> = tokens.Bool;
export const Int8: BuiltinToken<'int8'> = tokens.Int8;
export const Int16: BuiltinToken<'int16'> = tokens.Int16;
export const Int32: BuiltinToken<'int32'> = tokens.Int32;
export const Int64: BuiltinToken<'int64'> = tokens.Int64;
export const UInt8: BuiltinToken<'uint8'> = tokens.UInt8;
export const UInt16: BuiltinToken<'uint16'> = tokens.UInt16;
export const UInt32: BuiltinToken<'uint32'> = tokens.UInt32;
export const UInt64: BuiltinToken<'uint64'> = tokens.UInt64;
export const Float32: BuiltinToken<'float32'> = tokens.Float32;
export const Float64: BuiltinToken<'float64'> = tokens.Float64;
export const Text: BuiltinToken<'text'> = tokens.Text;
export const Data: BuiltinToken<'data'> = tokens.Data;
export const AnyPointer: BuiltinToken<'anyPointer'> = tokens.AnyPointer;

/** The type `List(element)`. */
export const List: <E extends tokens.TypeToken>(
  element: E,
) => TypedToken<ListValues<ValuesOf<E> & ValueTypes>> = tokens.List;
