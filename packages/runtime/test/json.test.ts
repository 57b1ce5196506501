import * as capnp from '@capnp-kit/runtime';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJson } from '../src/json/read-json.js';
import { binaryToString } from '../src/text/binary-string.js';
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
const annotated = schemas['json-annotations'] as Any;
const encoder = new TextEncoder();

describe('JSON output is the reference output (goldens)', () => {
  describe.each(cases)('$schema $type $name', (c) => {
    const type = typeOf(c);
    const reader = () => type.fromBytes(bytes(`${c.base}.bin`));
    const refused = read(`${c.base}.json-failed`) !== undefined;

    if (refused) {
      it('is refused, as the reference refuses it', () => {
        expect(() => capnp.formatJson(reader())).toThrow(
          expect.objectContaining({ code: 'invalid-value' }),
        );
      });
      return;
    }

    it('pretty, byte for byte', () => {
      const got = withNewline(capnp.formatJsonBytes(reader()));
      expect(new TextDecoder().decode(got)).toBe(
        new TextDecoder().decode(bytes(`${c.base}.pretty.json`)),
      );
      expect(got).toEqual(bytes(`${c.base}.pretty.json`));
    });

    it('short, byte for byte', () => {
      const got = withNewline(capnp.formatJsonBytes(reader(), { short: true }));
      expect(got).toEqual(bytes(`${c.base}.short.json`));
    });

    it('toJSON() is the same value (for JSON.stringify)', () => {
      const text = new TextDecoder().decode(bytes(`${c.base}.short.json`));
      let want: unknown;
      try {
        want = JSON.parse(text);
      } catch {
        return; // raw JSON values holding inf or calls: not JSON at all
      }
      expect(JSON.parse(JSON.stringify(reader()))).toEqual(want);
      expect(reader().toJSON()).toEqual(want);
    });
  });
});

// Each JSON text of the goldens, and what the reference makes of it.
const jsonInputs = cases.flatMap((c) =>
  [
    ...(c.input?.format === 'json' ? [{ path: c.input.path, want: `${c.base}.bin` }] : []),
    { path: `${c.base}.pretty.json`, want: `${c.base}.pretty.json.bin` },
    { path: `${c.base}.short.json`, want: `${c.base}.short.json.bin` },
  ]
    .filter((x) => read(x.path) !== undefined)
    .map((x) => ({ ...x, case: c, name: `${c.schema} ${c.type} ${x.path.split('/').pop()}` })),
);

describe('JSON input is read as the reference reads it (goldens)', () => {
  describe.each(jsonInputs)('$name', ({ case: c, path, want }) => {
    const type = typeOf(c);
    it('gives the same message', () => {
      const status = read(want.replace(/\.bin$/, '.status'));
      const wanted = bytes(want);
      if (status !== undefined && wanted.length === 0) {
        // The reference gives up on this input: no message.
        expect(() => parseCollecting(type, 'json', bytes(path))).toThrow(capnp.CapnpError);
        return;
      }
      const { bytes: got, errors } = parseCollecting(type, 'json', bytes(path));
      expect(got).toEqual(wanted);
      expect(errors.length > 0).toBe(status !== undefined);
    });
  });
});

describe("the reference's JSON reader", () => {
  const str = (json: string) => {
    const node = readJson(encoder.encode(json));
    return node.kind === 'string' ? binaryToString(node.value) : undefined;
  };

  it('decodes \\u escapes with its digit values (a-f count from 0)', () => {
    expect(str('"\\u0041\\u00e9\\u0009\\u001f"')).toBe('AI\t\u0015');
    expect(str('"\\u4e2d"')).toBe('\u4423');
  });

  it('takes the escapes and numbers it takes', () => {
    expect(str('"\\/\\b\\f\\n\\r\\t"')).toBe('/\b\f\n\r\t');
    expect(readJson(encoder.encode(' [1., -0, 2e5, 0.5e-1] '))).toEqual({
      kind: 'array',
      items: [1, -0, 200000, 0.05].map((value) => ({ kind: 'number', value })),
    });
  });

  const bad: [string, string][] = [
    ['', 'JSON message ends prematurely'],
    ['{"a": 1', 'JSON message ends prematurely'],
    ['[1 2]', 'Unexpected input'],
    ['{"a" 1}', 'Unexpected input'],
    ['nul', 'JSON message ends prematurely'],
    ['"\\x"', 'Invalid escape'],
    ['"\\u00g0"', 'Invalid hex digit'],
    ['1e', 'valid floating number'],
    ['+1', 'Unexpected input'],
    ['1 2', 'Input remains'],
    [`${'['.repeat(65)}${']'.repeat(65)}`, 'nested too deeply'],
  ];
  it.each(bad)('refuses %j (%s)', (json, message) => {
    expect(() => readJson(encoder.encode(json))).toThrow(
      expect.objectContaining({ code: 'invalid-json', message: expect.stringContaining(message) }),
    );
  });

  it('stops at a NUL byte', () => {
    expect(readJson(new Uint8Array([0x31, 0x00, 0x7b]))).toEqual({ kind: 'number', value: 1 });
  });
});

describe('fromJSON', () => {
  it('takes parsed values: bigints exact, Uint8Array as Data', () => {
    const m = allTypes.AllTypes.fromJSON({
      int64Field: -(2n ** 63n),
      uInt64Field: 2n ** 64n - 1n,
      dataField: new Uint8Array([1, 2, 255]),
      structField: { a: 1, b: 'é' },
      word: 'w',
      ignored: undefined,
    });
    expect(m.int64Field).toBe(-(2n ** 63n));
    expect(m.uInt64Field).toBe(2n ** 64n - 1n);
    expect([...m.dataField]).toEqual([1, 2, 255]);
    expect(m.structField.b).toBe('é');
    expect(m.which()).toBe('word');
  });

  it('round-trips JSON.stringify for values without -0', () => {
    const m = allTypes.AllTypes.fromText(
      '(int64Field = -5, float32Field = nan, float64Field = -inf, textList = ["a"], pair = (left = 1))',
    );
    const back = allTypes.AllTypes.fromJSON(JSON.parse(JSON.stringify(m)));
    expect(back.canonicalize()).toEqual(m.canonicalize());
  });

  it('places union members before their tag is seen (annotated discriminators)', () => {
    const m = annotated.Annotated.fromJSON(
      '{"valued": {"value": 5, "vtype": "int"}, "shared": "s", "which": "RIGHT", "tagged": {"side": 2, "kind": "square"}}',
    );
    expect(m.valued.which()).toBe('asInt');
    expect(m.valued.asInt).toBe(5);
    expect(m.choice.which()).toBe('right');
    expect(m.choice.right.shared2).toBe('s');
    expect(m.tagged.which()).toBe('square');
    expect(m.tagged.square.side).toBe(2);
  });

  const recoverable: [string, string][] = [
    ['{"int8Field": 300}', 'out-of-range'],
    ['{"int32Field": 1.5}', 'out-of-range'],
    ['{"int32Field": "x"}', 'valid number'],
    ['{"float64Field": "x"}', 'valid floating number'],
    ['{"int32List": 5}', 'Expected list value'],
  ];
  it.each(recoverable)('%s: reported (%s), then the rest is read', (json, message) => {
    const errors: capnp.CapnpError[] = [];
    const m = allTypes.AllTypes.fromJSON(json, {
      onError: (e: capnp.CapnpError) => errors.push(e),
    });
    expect(errors[0]?.message).toContain(message);
    expect(m.int8Field).toBe(json.includes('300') ? 127 : 0);
    expect(() => allTypes.AllTypes.fromJSON(json)).toThrow(capnp.CapnpError);
  });

  const fatal: [string, string][] = [
    ['[]', 'Expected an object'],
    ['{"boolField": 1}', 'Expected boolean value'],
    ['{"textField": 1}', 'Expected text value'],
    ['{"dataField": [256]}', 'not an integer in [0, 255]'],
    ['{"enumField": "purple"}', 'Invalid enum value'],
    ['{"structField": 1}', 'Expected an object'],
    ['{"anyField": 1}', 'AnyPointer'],
  ];
  it.each(fatal)('%s: refused (%s)', (json, message) => {
    expect(() => allTypes.AllTypes.fromJSON(json, { onError: () => {} })).toThrow(
      expect.objectContaining({ code: 'invalid-json', message: expect.stringContaining(message) }),
    );
  });
});

describe('JSON details', () => {
  it('writes lists on their own', () => {
    const m = allTypes.AllTypes.newMessage({ int64List: [1n, -2n], enumList: ['blue'] });
    expect(capnp.formatJson(m.int64List)).toBe('["1", "-2"]');
    expect(JSON.stringify(m.enumList)).toBe('["blue"]');
    expect(capnp.formatJson(m.asReader().enumList, { short: true })).toBe('["blue"]');
  });

  it('refuses capabilities', () => {
    const m = allTypes.Odd.newMessage();
    m.cap = new (class extends allTypes.Greeter.Server {})();
    expect(() => capnp.formatJson(m)).toThrow(expect.objectContaining({ code: 'invalid-value' }));
  });
});

describe('JSON round trips (property)', () => {
  it('formatJson() then fromJSON() gives the same message', () => {
    fc.assert(
      fc.property(allTypesValue, (value) => {
        const m = allTypes.AllTypes.newMessage(value);
        for (const short of [false, true]) {
          const back = allTypes.AllTypes.fromJSON(capnp.formatJson(m, { short }));
          expect(back.canonicalize()).toEqual(m.canonicalize());
        }
      }),
      { numRuns: 150 },
    );
  });
});
