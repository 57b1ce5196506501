/**
 * Numbers as the reference's kj library writes and reads them, for the text and JSON formats.
 *
 * kj prints a double with `%.15g` and, if that does not read back as the same double, `%.17g`;
 * a float with `%.6g`, else `%.8g` (FLT_DIG + 2); then drops every `+`. `inf`, `-inf` and `nan`
 * are spelled out. glibc rounds `%g` exactly, ties to even, which `toPrecision` does not (it
 * rounds ties up), so the digits here come from the exact binary value.
 */

const scratch = new DataView(new ArrayBuffer(8));

/** The decimal digits of a finite positive double and the power of ten of the last one. */
function exactDigits(x: number): { digits: string; exp10: number } {
  scratch.setFloat64(0, x, true);
  const bits = scratch.getBigUint64(0, true);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & 0xfffffffffffffn;
  let exp2: number;
  if (biased === 0) exp2 = -1074;
  else {
    mantissa |= 1n << 52n;
    exp2 = biased - 1075;
  }
  if (exp2 >= 0) return { digits: (mantissa << BigInt(exp2)).toString(), exp10: 0 };
  // m × 2^-k = m × 5^k × 10^-k: exact, as an integer of digits times a power of ten.
  return { digits: (mantissa * 5n ** BigInt(-exp2)).toString(), exp10: exp2 };
}

/**
 * `x` (finite, non-zero) rounded to `precision` significant digits, ties to even: the digits
 * (exactly `precision` of them) and the decimal exponent of the first.
 */
function roundDigits(x: number, precision: number): { digits: string; exponent: number } {
  const { digits, exp10 } = exactDigits(Math.abs(x));
  let exponent = digits.length - 1 + exp10;
  if (digits.length <= precision) {
    return { digits: digits.padEnd(precision, '0'), exponent };
  }
  let kept = digits.slice(0, precision);
  const first = digits.charCodeAt(precision) - 48;
  let up = first > 5;
  if (first === 5) {
    let tail = false;
    for (let i = precision + 1; i < digits.length; i++) {
      if (digits.charCodeAt(i) !== 48) {
        tail = true;
        break;
      }
    }
    up = tail || (kept.charCodeAt(precision - 1) - 48) % 2 === 1;
  }
  if (up) {
    const next = (BigInt(kept) + 1n).toString();
    if (next.length > precision) {
      exponent++;
      kept = next.slice(0, precision);
    } else kept = next;
  }
  return { digits: kept, exponent };
}

/** C's `%.<precision>g` (no `#` flag) of a finite number. */
export function formatG(x: number, precision: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const sign = x < 0 ? '-' : '';
  const { digits, exponent } = roundDigits(x, precision);
  if (exponent < -4 || exponent >= precision) {
    const fraction = digits.slice(1).replace(/0+$/, '');
    const e = Math.abs(exponent);
    return `${sign}${digits[0]}${fraction ? `.${fraction}` : ''}e${exponent < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  if (exponent < 0) {
    const fraction = `${'0'.repeat(-exponent - 1)}${digits}`.replace(/0+$/, '');
    return `${sign}0.${fraction}`;
  }
  const whole = digits.slice(0, exponent + 1);
  const fraction = digits.slice(exponent + 1).replace(/0+$/, '');
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** A double as kj prints it (`kj::str(double)`): shortest of `%.15g`/`%.17g` that reads back. */
export function formatDouble(x: number): string {
  if (x === Number.POSITIVE_INFINITY) return 'inf';
  if (x === Number.NEGATIVE_INFINITY) return '-inf';
  if (Number.isNaN(x)) return 'nan';
  // Integers below 10^15 print exactly, as plain digits: the common case, without BigInt.
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return Object.is(x, -0) ? '-0' : String(x);
  const short = formatG(x, 15);
  return (Number(short) === x ? short : formatG(x, 17)).replace('+', '');
}

/** The smallest normal float (2^-126). */
const FLT_MIN = 2 ** -126;

/** A float (a Float32 value, given as the double it widens to) as kj prints it. */
export function formatFloat(x: number): string {
  if (x === Number.POSITIVE_INFINITY) return 'inf';
  if (x === Number.NEGATIVE_INFINITY) return '-inf';
  if (Number.isNaN(x)) return 'nan';
  if (Number.isInteger(x) && Math.abs(x) < 1e6) return Object.is(x, -0) ? '-0' : String(x);
  const short = formatG(x, 6);
  // kj's check reads the digits back with strtof and also requires errno to stay 0; glibc sets
  // ERANGE whenever the result is subnormal, so subnormal floats always get 8 digits.
  const readsBack = Math.abs(x) >= FLT_MIN && parseFloat32(short) === x;
  return (readsBack ? short : formatG(x, 8)).replace('+', '');
}

/**
 * A decimal string read as a float the way `strtof` reads it: rounded once, to nearest, ties to
 * even. Reading it as a double first and rounding that again differs only when the double lands
 * exactly on the midpoint between two floats; then the exact decimal decides.
 */
export function parseFloat32(text: string): number {
  const d = Number(text);
  const f = Math.fround(d);
  if (f === d || !Number.isFinite(d)) return f;
  // The floats either side of d, and whether d is exactly their midpoint.
  const other = nextFloat(f, d > f ? 1 : -1);
  const low = Math.min(f, other);
  const high = Math.max(f, other);
  if (!Number.isFinite(high) || (low + high) / 2 !== d) return f;
  const cmp = compareDecimal(text, d);
  if (cmp === 0) return f;
  return cmp < 0 ? low : high;
}

/** The float next to `f` in direction `dir` (±1). */
function nextFloat(f: number, dir: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, f, true);
  let bits = view.getUint32(0, true);
  if (f === 0) bits = dir > 0 ? 1 : 0x80000001;
  else if (f > 0 === dir > 0) bits++;
  else bits--;
  view.setUint32(0, bits >>> 0, true);
  return view.getFloat32(0, true);
}

/** Sign of (decimal `text` − double `d`), exactly (finite decimal and double only). */
function compareDecimal(text: string, d: number): number {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
  if (m === null) return 0;
  const negative = m[1] === '-';
  const intPart = m[2] ?? '';
  const frac = m[3] ?? '';
  let num = BigInt(`${intPart}${frac}` || '0');
  let exp10 = Number(m[4] ?? '0') - frac.length;
  if (negative) num = -num;
  // text = num × 10^exp10; d = dm × 2^dq (dm, dq from the exact digits: dm' × 10^de).
  const { digits, exp10: de } = exactDigits(Math.abs(d));
  let dn = BigInt(digits);
  if (d < 0) dn = -dn;
  // Compare num × 10^exp10 with dn × 10^de.
  if (exp10 > de) num *= 10n ** BigInt(exp10 - de);
  else dn *= 10n ** BigInt(de - exp10);
  exp10 = 0;
  return num === dn ? 0 : num < dn ? -1 : 1;
}
