import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeRequest } from '@capnp-kit/compiler/schema';
import { describe, expect, it } from 'vitest';
import { modelLiteral } from '../src/model-literal.js';

const golden = join(import.meta.dirname, '../../compiler/test/golden');

/** Every CodeGeneratorRequest the compiler's golden tests hold (made by capnp 0.9.2). */
function goldenRequests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return goldenRequests(path);
    return e.name.endsWith('.cgr') ? [path] : [];
  });
}

function evaluate(source: string): unknown {
  return new Function(`return ${source};`)();
}

/** Keys in order, recursively: toStrictEqual does not compare the order of keys. */
function keyOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keyOrder);
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return null;
  return Object.entries(value).map(([k, v]) => [k, keyOrder(v)]);
}

describe('modelLiteral', () => {
  const files = goldenRequests(golden);

  it('finds the golden requests', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files.map((f) => [f.slice(golden.length + 1), f]))(
    'evaluates back to the decoded request: %s',
    (_name, path) => {
      // A plain Uint8Array, not a Buffer: decoded Data values are views of the input.
      const request = decodeRequest(new Uint8Array(readFileSync(path)));
      const back = evaluate(modelLiteral(request));
      expect(back).toStrictEqual(request);
      expect(keyOrder(back)).toEqual(keyOrder(request));
    },
  );

  it('keeps the numbers JSON cannot write, bigints of either sign and bytes', () => {
    const value = {
      zero: -0,
      nan: Number.NaN,
      inf: [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
      big: [0n, 0xffff_ffff_ffff_ffffn, -(2n ** 63n)],
      bytes: new Uint8Array([0, 255, 7]),
      empty: new Uint8Array(0),
      text: 'line\nbreak "quoted" \u2028 </script>',
      none: null,
      unset: undefined,
    };
    const back = evaluate(modelLiteral(value)) as typeof value;
    expect(Object.is(back.zero, -0)).toBe(true);
    expect(back).toStrictEqual(value);
    expect(Object.keys(back)).toEqual(Object.keys(value));
  });

  it('quotes keys that are not identifiers and defines __proto__ as a key', () => {
    const value = JSON.parse('{"a b": 1, "__proto__": {"polluted": true}, "$ok": 2}');
    const back = evaluate(modelLiteral(value)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back)).toEqual(['a b', '__proto__', '$ok']);
    expect(Object.getOwnPropertyDescriptor(back, '__proto__')?.value).toEqual({ polluted: true });
  });

  it('refuses values the schema model never holds', () => {
    expect(() => modelLiteral(new Map())).toThrow('Not a schema-model value: [object Map]');
    expect(() => modelLiteral(() => 0)).toThrow(TypeError);
    expect(() => modelLiteral(Symbol('s'))).toThrow(TypeError);
    expect(() => modelLiteral(new Uint16Array(1))).toThrow(TypeError);
  });
});
