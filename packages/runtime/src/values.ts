import { CapnpError } from './errors.js';

/**
 * Checks and converts values assigned to fields and list elements. Numbers must be integers in
 * range for integer types; 64-bit types take bigints (or safe-integer numbers); nothing is ever
 * silently wrapped or truncated.
 */

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'bigint') return `${v}n`;
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Uint8Array) return 'a Uint8Array';
  return typeof v === 'object' ? 'an object' : String(v);
}

function invalid(what: string, expected: string, v: unknown): CapnpError {
  return new CapnpError('invalid-value', `${what}: expected ${expected}, got ${describe(v)}.`);
}

/** The integer types that fit a JS number exactly. */
export type SmallInt = 'int8' | 'int16' | 'int32' | 'uint8' | 'uint16' | 'uint32';

function outOfRange(what: string, type: string, v: unknown): CapnpError {
  return new CapnpError('out-of-range', `${what}: ${describe(v)} is out of range for ${type}.`);
}

/** The ranges of the integer types up to 32 bits. */
export const INT_LIMITS: Readonly<Record<SmallInt, readonly [number, number]>> = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
  uint8: [0, 255],
  uint16: [0, 65535],
  uint32: [0, 4294967295],
};

/** An Int8…UInt32 value: an integer number (or bigint) within the type's range. */
export function toSmallInt(v: unknown, type: SmallInt, what: string): number {
  const n = typeof v === 'bigint' && v >= -(2n ** 53n) && v <= 2n ** 53n ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw invalid(what, `an integer (${type})`, v);
  const [min, max] = INT_LIMITS[type];
  if (n < min || n > max) throw outOfRange(what, type, v);
  return n;
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
const U64_MAX = 2n ** 64n - 1n;

/** An Int64/UInt64 value: a bigint, or a number that is a safe integer, within range. */
export function toBigInt(v: unknown, type: 'int64' | 'uint64', what: string): bigint {
  let b: bigint;
  if (typeof v === 'bigint') b = v;
  else if (typeof v === 'number' && Number.isSafeInteger(v)) b = BigInt(v);
  else
    throw invalid(what, `a bigint or a safe integer (${type === 'int64' ? 'Int64' : 'UInt64'})`, v);
  if (type === 'int64' ? b < I64_MIN || b > I64_MAX : b < 0n || b > U64_MAX) {
    throw outOfRange(what, type === 'int64' ? 'Int64' : 'UInt64', v);
  }
  return b;
}

/** A Float32/Float64 value. */
export function toFloat(v: unknown, what: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  throw invalid(what, 'a number', v);
}

/** A Bool value. */
export function toBool(v: unknown, what: string): boolean {
  if (typeof v !== 'boolean') throw invalid(what, 'a boolean', v);
  return v;
}

/** A Text value. */
export function toText(v: unknown, what: string): string {
  if (typeof v !== 'string') throw invalid(what, 'a string', v);
  return v;
}

/** A Data value (copied when assigned). */
export function toData(v: unknown, what: string): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (Array.isArray(v) && v.every((b) => Number.isInteger(b) && b >= 0 && b <= 255))
    return Uint8Array.from(v);
  throw invalid(what, 'a Uint8Array', v);
}

/** A Void value: null (or undefined). */
export function toVoid(v: unknown, what: string): null {
  if (v !== null && v !== undefined) throw invalid(what, 'null (Void)', v);
  return null;
}

/**
 * An enum value: an enumerant name, or an ordinal (unknown ordinals are allowed, as values
 * from newer schemas are). A wrong name lists the valid ones.
 */
export function toEnum(
  v: unknown,
  names: readonly string[],
  ordinals: ReadonlyMap<string, number>,
  what: string,
): number {
  if (typeof v === 'string') {
    const o = ordinals.get(v);
    if (o === undefined) {
      throw new CapnpError(
        'invalid-value',
        `${what}: ${JSON.stringify(v)} is not an enumerant; expected one of ${names.map((n) => JSON.stringify(n)).join(', ')}.`,
      );
    }
    return o;
  }
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 65535) return v;
  throw invalid(what, `an enumerant name (${names.map((n) => JSON.stringify(n)).join(', ')})`, v);
}
