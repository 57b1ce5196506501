import * as capnp from '@capnp-kit/runtime';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDouble, formatFloat, formatG } from '../src/text/kj-number.js';
import {
  type Any,
  allTypesValue,
  bytes,
  goldenCases,
  parseCollecting,
  read,
  schemas,
  typeOf,
  withNewline,
} from './text-json-support.js';

const cases = goldenCases();
const allTypes = schemas['all-types'] as Any;

function text(b: Uint8Array): string {
  return new TextDecoder().decode(b);
}

describe('text format output is the reference output (goldens)', () => {
  describe.each(cases)('$schema $type $name', (c) => {
    const type = typeOf(c);
    const reader = () => type.fromBytes(bytes(`${c.base}.bin`));

    it('pretty, byte for byte', () => {
      const got = withNewline(capnp.formatTextBytes(reader()));
      expect(text(got)).toBe(text(bytes(`${c.base}.pretty.txt`)));
      expect(got).toEqual(bytes(`${c.base}.pretty.txt`));
    });

    it('short, byte for byte', () => {
      const got = withNewline(capnp.formatTextBytes(reader(), { short: true }));
      expect(got).toEqual(bytes(`${c.base}.short.txt`));
    });

    it('toString() of readers and builders is the pretty form', () => {
      const r = reader();
      expect(r.toString()).toBe(capnp.formatText(r));
      expect(r.asBuilder().toString()).toBe(capnp.formatText(r));
      expect(`${r}`).toBe(capnp.formatText(r));
    });
  });
});

describe('text format input is read as the reference reads it (goldens)', () => {
  describe.each(cases)('$schema $type $name', (c) => {
    const type = typeOf(c);
    const inputs = [
      ...(c.input?.format === 'text' ? [{ path: c.input.path, want: `${c.base}.bin` }] : []),
      { path: `${c.base}.pretty.txt`, want: `${c.base}.pretty.txt.bin` },
      { path: `${c.base}.short.txt`, want: `${c.base}.short.txt.bin` },
    ];
    it.each(inputs)('$path', ({ path, want }) => {
      const status = read(want.replace(/\.bin$/, '.status'));
      const { bytes: got, errors } = parseCollecting(type, 'text', bytes(path));
      expect(got).toEqual(bytes(want));
      // The reference reports a problem exactly when we do.
      expect(errors.length > 0).toBe(status !== undefined);
    });
  });
});

describe('kj number formatting', () => {
  const doubles: [number, string][] = [
    [0, '0'],
    [-0, '-0'],
    [0.1, '0.1'],
    [1 / 3, '0.33333333333333331'],
    [1e15, '1e15'],
    [1e16, '1e16'],
    [123456789012345, '123456789012345'],
    [1234567890123456, '1234567890123456'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [1e-7, '1e-07'],
    [5e-324, '4.94065645841247e-324'],
    [1.7976931348623157e308, '1.7976931348623157e308'],
    [-1.23e47, '-1.23e47'],
    // A tie at 17 digits: glibc rounds to even (toPrecision would round up).
    [1 + 2 ** -17, '1.0000076293945312'],
    [Number.POSITIVE_INFINITY, 'inf'],
    [Number.NEGATIVE_INFINITY, '-inf'],
    [Number.NaN, 'nan'],
  ];
  it.each(doubles)('double %s prints as %s', (x, want) => {
    expect(formatDouble(x)).toBe(want);
  });

  const floats: [number, string][] = [
    [Math.fround(0.1), '0.1'],
    [Math.fround(1234.5), '1234.5'],
    [Math.fround(-1.25e-10), '-1.25e-10'],
    [Math.fround(16777217), '16777216'],
    [Math.fround(123456.7), '123456.7'],
    [Math.fround(1e7), '1e07'],
    [Math.fround(3.4028234663852886e38), '3.4028235e38'],
    // The smallest normal float: its 6 digits read back as a subnormal (ERANGE).
    [Math.fround(1.17549435e-38), '1.1754944e-38'],
    // Subnormal: glibc's strtof sets ERANGE, so kj never takes the 6-digit form.
    [Math.fround(1.5e-45), '1.4012985e-45'],
  ];
  it.each(floats)('float %s prints as %s', (x, want) => {
    expect(formatFloat(x)).toBe(want);
  });

  it('formats like C %g, ties to even', () => {
    expect(formatG(2.5, 1)).toBe('2');
    expect(formatG(0.125, 2)).toBe('0.12');
    expect(formatG(1e21, 15)).toBe('1e+21');
    expect(formatG(1.2345678901234568e17, 15)).toBe('1.23456789012346e+17');
  });
});

describe('text format details', () => {
  it('writes lists on their own, and lists of structs', () => {
    const m = allTypes.AllTypes.newMessage({
      int32List: [1, 2, 3],
      structList: [{ a: 1 }, { b: 'two' }],
    });
    expect(m.int32List.toString()).toBe('[1, 2, 3]');
    expect(capnp.formatText(m.asReader().structList, { short: true })).toBe(
      '[(a = 1), (a = 0, b = "two")]',
    );
    expect(m.structList.toString()).toBe('[(a = 1), (a = 0, b = "two")]');
  });

  it('writes capabilities and AnyPointer values as placeholders', () => {
    const m = allTypes.Odd.newMessage();
    m.cap = new (class extends allTypes.Greeter.Server {})();
    m.any.setAs(capnp.Text, 'x');
    expect(capnp.formatText(m, { short: true })).toBe(
      '(cap = <external capability>, any = <opaque pointer>, color = red)',
    );
  });

  it('copies Text bytes that are not UTF-8 (formatTextBytes) or decodes them (formatText)', () => {
    const m = allTypes.AllTypes.fromText('(textField = "a\\xffb")');
    expect(capnp.formatText(m, { short: true })).toContain('textField = "a\ufffdb"');
    const raw = capnp.formatTextBytes(m, { short: true });
    const at = raw.indexOf(0xff);
    expect([...raw.subarray(at - 1, at + 2)]).toEqual([0x61, 0xff, 0x62]);
  });

  it('reads bytes as bytes: escapes that are not UTF-8 survive', () => {
    const m = allTypes.AllTypes.fromText(new TextEncoder().encode('(dataField = "\\377\\x00é")'));
    expect([...m.dataField]).toEqual([0xff, 0x00, 0xc3, 0xa9]);
  });
});

describe('text format errors', () => {
  const T = () => allTypes.AllTypes;

  it('throws TextFormatError (invalid-text) naming line and column', () => {
    let error: unknown;
    try {
      T().fromText('(int8Field = 1,\n  int32Field = "x")');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(capnp.TextFormatError);
    expect(error).toMatchObject({
      code: 'invalid-text',
      reason: 'Type mismatch; expected Int32.',
      line: 2,
      column: 16,
      fatal: false,
    });
    expect((error as Error).message).toBe(
      'Text format, line 2, column 16: Type mismatch; expected Int32.',
    );
  });

  const recoverable: [string, string][] = [
    ['(nope = 1)', "Struct has no field named 'nope'."],
    ['(int8Field = 300)', 'Integer value out of range.'],
    ['(uInt8Field = -1)', 'Integer value out of range.'],
    ['(int64Field = -9223372036854775809)', 'Integer is too big to be negative.'],
    ['(group = 5)', 'Type mismatch; expected group.'],
    ['(textField = 0x"00")', 'Type mismatch; expected Text.'],
    ['(structField = [1])', 'Type mismatch; expected Inner.'],
    ['(int32List = (a = 1))', 'Type mismatch; expected List(Int32).'],
    ['(boolField = 1)', 'Type mismatch; expected Bool.'],
    ['(int32Field = 1.5)', 'Type mismatch; expected Int32.'],
    ['(1, 2)', 'Missing field name.'],
    ['(int32List = [1, 2 3])', 'Parse error.'],
    ['(5)', 'Input does not contain a struct.'],
    // A tuple after a value applies it, like a generic: not a struct either.
    ['(int8Field = 1) (int8Field = 2)', 'Input does not contain a struct.'],
  ];
  it.each(recoverable)('%s: %s (reported, then the rest is read)', (input, reason) => {
    const errors: capnp.TextFormatError[] = [];
    T().fromText(input, { onError: (e: capnp.TextFormatError) => errors.push(e) });
    expect(errors[0]?.reason).toBe(reason);
    expect(errors[0]?.fatal).toBe(false);
    expect(() => T().fromText(input)).toThrow(capnp.TextFormatError);
  });

  const fatal: [string, string][] = [
    ['', 'Failed to read input.'],
    ['(textField = "unterminated)', 'Failed to read input.'],
    ['(enumField = purple)', 'External constants not allowed.'],
    ['(int8Field = .k)', 'External constants not allowed.'],
    ['(dataField = embed "f")', 'External embeds not allowed.'],
    ['(int8Field = 1) x', 'Extra tokens in input.'],
    ['-', 'Premature end of input.'],
  ];
  it.each(fatal)('%s: %s (the reference gives up)', (input, reason) => {
    expect(() => T().fromText(input, { onError: () => {} })).toThrow(
      expect.objectContaining({ code: 'invalid-text', reason, fatal: true }),
    );
  });

  it('keeps the value given last, and resets a group given again', () => {
    const m = T().fromText(
      '(int8Field = 1, int8Field = 2, group = (x = 1), group = (y = 2), word = "w", number = 3)',
    );
    expect(m.int8Field).toBe(2);
    expect(m.group.x).toBe(0);
    expect(m.group.y).toBe(2);
    expect(m.which()).toBe('number');
  });

  it('converts integers for float fields, as a C cast (one rounding)', () => {
    const m = T().fromText('(float32Field = 16777217, float64Field = 9007199254740993)');
    expect(m.float32Field).toBe(16777216);
    expect(m.float64Field).toBe(9007199254740992);
    // 2^60 + 2^36 + 1: rounding through a double first would give 2^60.
    const big = T().fromText('(float32Field = 1152921573326323713)');
    expect(big.float32Field).toBe(Math.fround(2 ** 60 + 2 ** 37));
  });
});

describe('text round trips (property)', () => {
  it('toString() then fromText() gives the same message', () => {
    fc.assert(
      fc.property(allTypesValue, (value) => {
        const m = allTypes.AllTypes.newMessage(value);
        for (const short of [false, true]) {
          const back = allTypes.AllTypes.fromText(capnp.formatText(m, { short }));
          expect(back.canonicalize()).toEqual(m.canonicalize());
        }
      }),
      { numRuns: 150 },
    );
  });
});
