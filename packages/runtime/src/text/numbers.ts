import type { Type } from '@capnp-kit/compiler/schema';

/**
 * Numeric conversions as the reference performs them when a parsed value is stored in a field
 * (`DynamicValue::Reader::as<T>()` in dynamic.c++), and the C library's `strtoll`/`strtod` as
 * kj's `parseAs` applies them to whole strings. A value that does not fit is still stored, as
 * the reference stores it (wrapped, truncated or clamped), after reporting the problem.
 */

/** A parsed number: signed or unsigned 64-bit integer, or double. */
export type NumberValue =
  | { readonly kind: 'int' | 'uint'; readonly value: bigint }
  | { readonly kind: 'float'; readonly value: number };

/** The numeric scalar types. */
export type NumericType =
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'float32'
  | 'float64';

const BITS: Record<string, number> = {
  int8: 8,
  int16: 16,
  int32: 32,
  int64: 64,
  uint8: 8,
  uint16: 16,
  uint32: 32,
  uint64: 64,
};

/** True for the numeric scalar types. */
export function isNumeric(type: Type): type is Type & { which: NumericType } {
  return type.which in BITS || type.which === 'float32' || type.which === 'float64';
}

export const OUT_OF_RANGE = 'Value out-of-range for requested type.';

const TWO_63 = 2 ** 63;
const TWO_64 = 2 ** 64;

/** A bigint as the nearest float32 (one rounding, ties to even, as a C cast rounds). */
export function bigintToFloat32(v: bigint): number {
  const negative = v < 0n;
  let m = negative ? -v : v;
  const bits = m.toString(2).length;
  if (bits > 24) {
    // Keep 24 significant bits, rounding the rest to nearest, ties to even.
    const drop = BigInt(bits - 24);
    const rest = m & ((1n << drop) - 1n);
    const half = 1n << (drop - 1n);
    m >>= drop;
    if (rest > half || (rest === half && (m & 1n) === 1n)) m++;
    const x = Number(m) * 2 ** Number(drop);
    return Math.fround(negative ? -x : x);
  }
  return Math.fround(negative ? -Number(m) : Number(m));
}

/**
 * `n` converted to `type` as the reference converts it, calling `report` with the reason when
 * the value does not survive the conversion unchanged. Integers of 64 bits come back as
 * bigints, everything else as numbers.
 */
export function convertNumber(
  n: NumberValue,
  type: NumericType,
  report: (message: string) => void,
): number | bigint {
  if (type === 'float32') {
    return n.kind === 'float' ? Math.fround(n.value) : bigintToFloat32(n.value);
  }
  if (type === 'float64') return n.kind === 'float' ? n.value : Number(n.value);
  const bits = BITS[type] as number;
  const signed = type.startsWith('int');
  const min = signed ? -(2n ** BigInt(bits - 1)) : 0n;
  const max = signed ? 2n ** BigInt(bits - 1) - 1n : 2n ** BigInt(bits) - 1n;
  const wrap = (v: bigint) => (signed ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v));
  let result: bigint;
  if (n.kind === 'float') {
    // Clamped to the type's range, then truncated toward zero.
    const x = n.value;
    if (!(x >= Number(min))) {
      report(OUT_OF_RANGE);
      result = min;
    } else if (!(x <= Number(max))) {
      report(OUT_OF_RANGE);
      result = max;
    } else if (bits === 64 && x >= (signed ? TWO_63 : TWO_64)) {
      // Just past the top: the C conversion yields the "integer indefinite" pattern.
      report(OUT_OF_RANGE);
      result = signed ? min : 0n;
    } else {
      result = BigInt(Math.trunc(x));
      if (Number(result) !== x) report(OUT_OF_RANGE);
    }
  } else {
    result = wrap(n.value);
    if (result !== n.value) report(OUT_OF_RANGE);
  }
  return bits === 64 ? result : Number(result);
}

function isCSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
}

/**
 * A whole string read as an integer the way kj's `parseAs<int64_t>`/`<uint64_t>` reads it:
 * `strtoll`/`strtoull` in base 16 if it starts with `0x` (after an optional `-`), else 10;
 * leading C whitespace and a sign allowed; nothing may follow. Undefined if it is not one or
 * it is out of range (the reference then stores 0).
 */
export function parseCInteger(s: string, unsigned: boolean): bigint | undefined {
  const hex = /^-?0[xX]/.test(s);
  let i = 0;
  while (i < s.length && isCSpace(s[i] as string)) i++;
  let negative = false;
  if (s[i] === '+' || s[i] === '-') negative = s[i++] === '-';
  if (hex && s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X')) {
    // strtol takes "0x" only when a hex digit follows; otherwise the "0" is the number.
    if (/[0-9a-fA-F]/.test(s[i + 2] ?? '')) i += 2;
  }
  const digits = (hex ? /^[0-9a-fA-F]+/ : /^[0-9]+/).exec(s.slice(i));
  if (digits === null || i + digits[0].length !== s.length) return undefined;
  let v = BigInt(hex ? `0x${digits[0]}` : digits[0]);
  if (unsigned) {
    if (v > 2n ** 64n - 1n || s[0] === '-') return undefined;
    // strtoull negates in unsigned arithmetic (" -1" is 2^64 - 1).
    if (negative) v = BigInt.asUintN(64, -v);
    return v;
  }
  if (negative) v = -v;
  if (v < -(2n ** 63n) || v > 2n ** 63n - 1n) return undefined;
  return v;
}

/**
 * A whole string read as a double the way `strtod` reads it (leading C whitespace, a sign,
 * decimal or hex digits with an exponent, `inf`, `infinity`, `nan`, `nan(…)`, any case).
 * Undefined unless all of it is the number.
 */
export function parseCDouble(s: string): number | undefined {
  let i = 0;
  while (i < s.length && isCSpace(s[i] as string)) i++;
  let rest = s.slice(i);
  let sign = 1;
  if (rest[0] === '+' || rest[0] === '-') {
    if (rest[0] === '-') sign = -1;
    rest = rest.slice(1);
  }
  if (/^(inf|infinity)$/i.test(rest)) return sign * Number.POSITIVE_INFINITY;
  if (/^nan(\([0-9A-Za-z_]*\))?$/i.test(rest)) return Number.NaN;
  const hex = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?[0-9]+))?$/.exec(rest);
  if (hex !== null) {
    const whole = hex[1] ?? '';
    const frac = hex[2] ?? '';
    if (whole === '' && frac === '') return undefined;
    const exp = Number(hex[3] ?? '0') - 4 * frac.length;
    return sign * Number(BigInt(`0x${whole}${frac}`)) * 2 ** exp;
  }
  if (!/^([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(rest)) return undefined;
  return sign * Number(rest);
}
