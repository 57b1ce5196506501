import * as capnp from '@capnp-kit/runtime';
import { encodeFrame } from '@capnp-kit/wire';
import { describe, expect, it } from 'vitest';
import { type Any, conformance, words } from './conformance-support.js';
import { contentWords, farPointerCensus } from './far-pointers.js';

/**
 * The struct API pycapnp users expect, on conformance.capnp: init/has/clear on every field
 * kind, which() and union switching, value checks with typed errors, copies, toObject options
 * and reflection.
 */

const { AllTypes, Defaults, Unions, Point, Color } = conformance as Record<string, Any>;

/** The error `fn` throws, as `{ name, code }`. */
function failure(fn: () => unknown): { name: string; code: string } | 'no error' {
  try {
    fn();
    return 'no error';
  } catch (e) {
    if (e instanceof capnp.CapnpError || e instanceof capnp.WireError)
      return { name: e.name, code: e.code };
    throw e;
  }
}
const invalid = { name: 'CapnpError', code: 'invalid-value' };
const outOfRange = { name: 'CapnpError', code: 'out-of-range' };

describe('init, has and clear on every kind of field', () => {
  const fields: Any[] = AllTypes.schema.struct.fields;
  const pointerKinds = new Set(['text', 'data', 'list', 'struct', 'anyPointer']);
  const dataFields = fields.filter((f) => !pointerKinds.has(f.slot.type.which));
  const pointerFields = fields.filter((f) => pointerKinds.has(f.slot.type.which));

  it.each(dataFields.map((f) => f.name))('%s: has() is always true; clear() resets it', (name) => {
    const b = AllTypes.newMessage();
    expect(b.has(name)).toBe(true);
    const before = b.toObject()[name];
    const type = fields.find((f) => f.name === name).slot.type.which;
    const samples: Record<string, unknown> = {
      void: null,
      bool: true,
      enum: 'blue',
      float32: 1.5,
      float64: 2.5,
      int64: -3n,
      uint64: 3n,
    };
    const value = type in samples ? samples[type] : 5;
    b[name] = value;
    expect(b[name]).toEqual(value);
    b.clear(name);
    expect(b.toObject()[name]).toEqual(before);
    expect(b.has(name)).toBe(true);
  });

  it.each(pointerFields.map((f) => f.name))(
    '%s: set → has; clear → not has, reads the default',
    (name) => {
      const b = AllTypes.newMessage();
      expect(b.has(name)).toBe(false);
      const type = fields.find((f) => f.name === name).slot.type;
      if (type.which === 'text') b[name] = 'x';
      else if (type.which === 'data') expect(b.init(name, 3)).toEqual(new Uint8Array(3));
      else if (type.which === 'list') expect(b.init(name, 2).length).toBe(2);
      else b.init(name);
      expect(b.has(name)).toBe(true);
      expect(b.asReader().has(name)).toBe(true);
      b.clear(name);
      expect(b.has(name)).toBe(false);
      expect(AllTypes.fromBytes(b.toBytes()).has(name)).toBe(false);
    },
  );

  it('init() of a struct field gives its builder, of a list a list of that size', () => {
    const b = AllTypes.newMessage();
    const s = b.init('structField');
    s.x = 9;
    expect(b.structField.x).toBe(9);
    expect(b.init('structField').x).toBe(0); // init() again starts a fresh struct
    const l = b.init('structListList', 2);
    expect(l.length).toBe(2);
    expect(l[0].length).toBe(0);
  });

  it('init() refuses fields that cannot be initialized, and lists without a size', () => {
    const b = AllTypes.newMessage();
    expect(failure(() => b.init('textField'))).toEqual(invalid);
    expect(failure(() => b.init('int32Field'))).toEqual(invalid);
    expect(failure(() => b.init('int32List'))).toEqual(invalid);
    expect(failure(() => b.init('int32List', -1))).toEqual(invalid);
    expect(failure(() => b.init('int32List', 1.5))).toEqual(invalid);
    expect(failure(() => b.init('nope'))).toEqual({ name: 'CapnpError', code: 'unknown-field' });
    expect(failure(() => b.has('nope'))).toEqual({ name: 'CapnpError', code: 'unknown-field' });
    expect(failure(() => b.clear('nope'))).toEqual({ name: 'CapnpError', code: 'unknown-field' });
  });

  it('a group: init() clears it; clear() resets its fields', () => {
    const u = Unions.newMessage({ grouped: { x: 1, choice: { word: 'w' } } });
    expect(u.grouped.x).toBe(1);
    const g = u.init('grouped');
    expect(g.x).toBe(9);
    expect(g.choice.which()).toBe('nothing');
    u.grouped.x = 4;
    u.clear('grouped');
    expect(u.toObject().grouped).toEqual({ x: 9, choice: { nothing: null } });
  });

  it('clear() of a defaulted field brings back its default', () => {
    const d = Defaults.newMessage({ int8Min: 5, textEscapes: 'x', structDefault: { x: 1 } });
    d.clear('int8Min');
    d.clear('textEscapes');
    d.clear('structDefault');
    const fresh = Defaults.newMessage();
    expect(d.int8Min).toBe(-128);
    expect(d.textEscapes).toBe(fresh.textEscapes);
    expect(d.structDefault.toObject()).toEqual(Defaults.newMessage().structDefault.toObject());
  });
});

describe('unions', () => {
  it('which() follows assignments; the old member cannot be read', () => {
    const u = Unions.newMessage();
    expect(u.which()).toBe('none');
    u.int = 5;
    expect(u.which()).toBe('int');
    u.text = 'hello';
    expect(u.which()).toBe('text');
    expect(u.has('int')).toBe(false);
    expect(failure(() => u.int)).toEqual({ name: 'CapnpError', code: 'inactive-union-member' });
    u.init('point').x = 3;
    expect(u.which()).toBe('point');
    const pair = u.init('pair');
    pair.left = 7;
    expect(u.which()).toBe('pair');
    expect(u.pair.left).toBe(7);
    u.list = [1n, 2n];
    expect(u.which()).toBe('list');
    u.none = null;
    expect(u.which()).toBe('none');
    expect(Unions.fromBytes(u.toBytes()).which()).toBe('none');
  });

  it('clear() of a member makes it the active member, at its default (as C++ clear())', () => {
    const u = Unions.newMessage({ text: 'x' });
    u.clear('int');
    expect([u.which(), u.int]).toEqual(['int', 0]);
    u.clear('text');
    expect([u.which(), u.text, u.has('text')]).toEqual(['text', '', false]);
    u.init('pair').left = 3;
    u.clear('pair');
    expect([u.which(), u.pair.left]).toEqual(['pair', 0]);
    const d = Defaults.newMessage({ first: 1 });
    d.clear('second');
    expect([d.which(), d.second]).toEqual(['second', 'second']);
  });

  it('the named union and the union in a group switch independently', () => {
    const u = Unions.newMessage({ int: 1 });
    u.named.color = 'green';
    u.grouped.choice.word = 'w';
    u.named.init('nested').inner.branch = ['a'];
    expect([
      u.which(),
      u.named.which(),
      u.grouped.choice.which(),
      u.named.nested.inner.which(),
    ]).toEqual(['int', 'nested', 'word', 'branch']);
    expect(Unions.fromBytes(u.toBytes()).toObject()).toEqual({
      tail: -1n,
      int: 1,
      named: { nested: { depth: 0, inner: { branch: ['a'] } } },
      grouped: { x: 9, choice: { word: 'w' } },
    });
  });

  it('of two members of one union in a plain object the last wins (as in capnp’s text and JSON)', () => {
    const u = Unions.newMessage({ int: 1, text: 'x' });
    expect(u.which()).toBe('text');
    expect(u.text).toBe('x');
    expect(Unions.newMessage({ text: 'x', int: 1 }).which()).toBe('int');
  });
});

describe('values are checked', () => {
  const b = AllTypes.newMessage();

  it.each([
    ['int8Field', 128],
    ['int8Field', -129],
    ['uInt8Field', -1],
    ['uInt8Field', 256],
    ['int16Field', 32768],
    ['uInt16Field', 65536],
    ['int32Field', 2 ** 31],
    ['uInt32Field', -1],
    ['uInt32Field', 2 ** 32],
    ['int64Field', 2n ** 63n],
    ['int64Field', -(2n ** 63n) - 1n],
    ['uInt64Field', -1n],
    ['uInt64Field', 2n ** 64n],
    ['uInt64Field', -1],
  ])('%s = %s is out-of-range', (name, v) => {
    expect(
      failure(() => {
        b[name] = v;
      }),
    ).toEqual(outOfRange);
    expect(failure(() => AllTypes.newMessage({ [name]: v }))).toEqual(outOfRange);
  });

  it.each([
    ['int32Field', 1.5],
    ['int32Field', '5'],
    ['int32Field', Number.NaN],
    ['int64Field', 2 ** 60],
    ['int64Field', '5'],
    ['int64Field', 1.5],
    ['boolField', 1],
    ['textField', 5],
    ['textField', new Uint8Array(1)],
    ['dataField', 'bytes'],
    ['dataField', [256]],
    ['float64Field', '1'],
    ['voidField', 0],
    ['enumField', true],
    ['enumField', -1],
    ['enumField', 70000],
    ['structField', 5],
    ['structField', [1]],
    ['int32List', { length: 'x' }],
    ['int32List', 'abc'],
  ])('%s = %o is invalid-value', (name, v) => {
    expect(
      failure(() => {
        b[name] = v;
      }),
    ).toEqual(invalid);
    expect(failure(() => AllTypes.newMessage({ [name]: v }))).toEqual(invalid);
  });

  it('the limits themselves are accepted, as numbers or bigints', () => {
    const m = AllTypes.newMessage({
      int8Field: -128,
      uInt32Field: 4294967295n,
      int64Field: -(2n ** 63n),
      uInt64Field: 2n ** 64n - 1n,
      int32Field: 7n,
    });
    expect([m.int8Field, m.uInt32Field, m.int64Field, m.uInt64Field, m.int32Field]).toEqual([
      -128,
      4294967295,
      -(2n ** 63n),
      2n ** 64n - 1n,
      7,
    ]);
    m.int64Field = Number.MAX_SAFE_INTEGER;
    expect(m.int64Field).toBe(BigInt(Number.MAX_SAFE_INTEGER));
  });

  it('a wrong enumerant names every valid one; ordinals (even unknown ones) are accepted', () => {
    let message = '';
    try {
      b.enumField = 'purple';
    } catch (e) {
      expect(e).toBeInstanceOf(capnp.CapnpError);
      expect((e as capnp.CapnpError).code).toBe('invalid-value');
      message = (e as Error).message;
    }
    for (const name of Object.keys(Color)) expect(message).toContain(`"${name}"`);
    expect(message).toContain('"purple"');
    b.enumField = 2;
    expect(b.enumField).toBe('blue');
    b.enumField = 9;
    expect(b.enumField).toBe(9);
    expect(AllTypes.fromBytes(b.toBytes()).enumField).toBe(9);
    expect(failure(() => AllTypes.newMessage({ enumList: ['red', 'mauve'] }))).toEqual(invalid);
  });

  it('unknown fields in plain objects are refused with their name', () => {
    expect(failure(() => AllTypes.newMessage({ int32Feild: 1 }))).toEqual({
      name: 'CapnpError',
      code: 'unknown-field',
    });
    expect(() => AllTypes.newMessage({ structField: { z: 1 } })).toThrow(/z/);
  });
});

describe('copies and views', () => {
  it('asReader() sees later changes of its builder; asBuilder() and copy() are independent', () => {
    const b = AllTypes.newMessage({ textField: 'one', int32List: [1, 2] });
    const view = b.asReader();
    b.textField = 'two';
    b.int32List[0] = 9;
    expect(view.textField).toBe('two');
    expect(view.int32List.toArray()).toEqual([9, 2]);
    const copy = b.copy();
    const fromReader = view.asBuilder();
    b.textField = 'three';
    copy.int32List[1] = 7;
    expect([copy.textField, fromReader.textField, b.textField]).toEqual(['two', 'two', 'three']);
    expect([copy.int32List.toArray(), fromReader.int32List.toArray()]).toEqual([
      [9, 7],
      [9, 2],
    ]);
  });

  it('assigning structs, lists and null; newMessage() of a reader copies it', () => {
    const b = AllTypes.newMessage();
    b.structField = Point.newMessage({ x: 4 });
    b.int32List = AllTypes.newMessage({ int32List: [5] }).asReader().int32List;
    b.init('dataField', 3)[0] = 5;
    b.textField = 'a\0b';
    const r = AllTypes.fromBytes(b.toBytes());
    expect([r.structField.x, r.int32List.toArray(), r.dataField, r.textField]).toEqual([
      4,
      [5],
      Uint8Array.of(5, 0, 0),
      'a\0b',
    ]);
    b.structField = null;
    b.int32List = null;
    b.textField = null;
    expect([b.has('structField'), b.has('int32List'), b.has('textField')]).toEqual([
      false,
      false,
      false,
    ]);
    expect(AllTypes.newMessage(r).toObject()).toEqual(r.toObject());
  });

  it('a null root pointer reads as all defaults; a list root is a typed error', () => {
    expect(Point.fromBytes(encodeFrame([words([0, 0])])).toObject()).toEqual({ x: 0, y: 7 });
    expect(failure(() => Point.fromBytes(encodeFrame([words([1, 0])])))).toEqual({
      name: 'WireError',
      code: 'wrong-pointer-kind',
    });
  });

  it('a struct deep in a message serializes as a message of its own', () => {
    const b = AllTypes.newMessage({ structField: { x: 4, next: { label: 'inner' } } });
    const inner = Point.fromBytes(b.structField.toBytes());
    expect(inner.toObject()).toEqual({ x: 4, y: 7, next: { x: 0, y: 7, label: 'inner' } });
    expect(b.structField.isRoot()).toBe(false);
    expect(b.isRoot()).toBe(true);
  });

  it('a zero-sized struct is the root where its pointer is the root pointer, not elsewhere', () => {
    const m: Any = capnp.loadSource(
      {
        '/empty.capnp':
          '@0xd1f7a1b2c3d4e5f7;\nstruct Empty {}\nstruct Holder { e @0 :Empty; n @1 :UInt8; }',
      },
      '/empty.capnp',
    );
    const root = m.Empty.newMessage();
    expect(root.isRoot()).toBe(true);
    // The reference's encoding: a struct pointer with offset -1 and no sections.
    expect([...root.toBytes()]).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 252, 255, 255, 255, 0, 0, 0, 0]);
    const holder = m.Holder.newMessage({ e: {}, n: 3 });
    expect(holder.isRoot()).toBe(true);
    expect(holder.e.isRoot()).toBe(false);
    expect([...holder.e.toBytes()]).toEqual([...root.toBytes()]);
  });

  it('totalSize of builders and readers is the words of what they reach', () => {
    const b = AllTypes.newMessage(
      { textList: ['a', 'bb'], structField: { tags: ['t'] } },
      { firstSegmentWords: 2, growHeuristically: false },
    );
    const want = contentWords(b.toSegments());
    expect(b.totalSize).toEqual({ wordCount: want, capCount: 0 });
    expect(AllTypes.fromBytes(b.toBytes()).totalSize).toEqual({ wordCount: want, capCount: 0 });
    expect(b.structField.totalSize.wordCount).toBe(
      Point.fromBytes(b.structField.toBytes()).totalSize.wordCount,
    );
  });
});

describe('toObject', () => {
  const value = {
    int64Field: -(2n ** 62n),
    uInt64Field: 2n ** 64n - 1n,
    dataField: Uint8Array.of(0, 1, 250, 255, 7),
    enumField: 'infraRed',
    enumList: ['green', 'red'],
    dataList: [Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(9, 8)],
  };
  const r = AllTypes.fromBytes(AllTypes.newMessage(value).toBytes());

  it('int64: bigint (default), string, number', () => {
    expect(r.toObject().int64Field).toBe(-(2n ** 62n));
    expect(r.toObject({ int64: 'string' }).uInt64Field).toBe('18446744073709551615');
    expect(r.toObject({ int64: 'number' }).int64Field).toBe(-(2 ** 62));
  });

  it('data: copied Uint8Array (default), base64, array of numbers', () => {
    const o = r.toObject();
    expect(o.dataField).toEqual(value.dataField);
    expect(r.toObject({ data: 'base64' }).dataField).toBe(
      Buffer.from(value.dataField).toString('base64'),
    );
    expect(r.toObject({ data: 'base64' }).dataList).toEqual(
      value.dataList.map((d) => Buffer.from(d).toString('base64')),
    );
    expect(r.toObject({ data: 'array' }).dataField).toEqual([0, 1, 250, 255, 7]);
  });

  it('enums: names (default) or ordinals', () => {
    expect(r.toObject().enumList).toEqual(['green', 'red']);
    expect(r.toObject({ enums: 'ordinal' }).enumField).toBe(Color.infraRed);
    expect(r.toObject({ enums: 'ordinal' }).enumList).toEqual([Color.green, Color.red]);
  });

  it('leaves unset pointer fields out (pycapnp’s to_dict), so a struct containing itself ends', () => {
    const p = Point.newMessage();
    const before = p.toBytes();
    expect(p.toObject()).toEqual({ x: 0, y: 7 });
    // Reading the builder for toObject() allocated nothing.
    expect(p.toBytes()).toEqual(before);
    expect(Point.fromBytes(before).toObject()).toEqual({ x: 0, y: 7 });
    const chain = Point.newMessage({ next: { next: { x: 3 } } });
    expect(chain.toObject()).toEqual({ x: 0, y: 7, next: { x: 0, y: 7, next: { x: 3, y: 7 } } });
  });

  it('shares nothing with the message', () => {
    const b = AllTypes.newMessage(value);
    const o = b.toObject();
    (o.dataField as Uint8Array)[0] = 99;
    (o.enumList as string[]).push('blue');
    expect(b.dataField[0]).toBe(0);
    expect(b.enumList.length).toBe(2);
  });
});

describe('reflection', () => {
  it('T.schema has the fields, union members and ids', () => {
    const fields: Any[] = Unions.schema.struct.fields;
    expect(fields.map((f) => f.name)).toEqual([
      'head',
      'none',
      'int',
      'text',
      'point',
      'list',
      'pair',
      'named',
      'grouped',
      'tail',
    ]);
    expect(fields.filter((f) => f.discriminantValue !== 0xffff).map((f) => f.name)).toEqual([
      'none',
      'int',
      'text',
      'point',
      'list',
      'pair',
    ]);
    expect(Unions.schema.struct.discriminantCount).toBe(6);
    expect(typeof Unions.schema.id).toBe('bigint');
    expect(Unions.schema.displayName.endsWith('conformance.capnp:Unions')).toBe(true);
  });

  it('enums map names to ordinals and carry their schema', () => {
    expect({ ...Color }).toEqual({ red: 0, green: 1, blue: 2, infraRed: 3 });
    expect(Color.schema.enum.enumerants.map((e: Any) => e.name)).toEqual([
      'red',
      'green',
      'blue',
      'infraRed',
    ]);
  });

  it('the same file loaded again gives the same types', () => {
    const again: Any = capnp.load(`${import.meta.dirname}/fixtures/conformance/conformance.capnp`);
    expect(again.AllTypes).toBe(AllTypes);
    expect(again.Point.Reader).toBe(Point.Reader);
  });
});

describe('enumerants by name', () => {
  // Small enums are looked up by comparing names in turn, larger ones in a Map: both ways.
  const many = Array.from({ length: 20 }, (_, i) => `e${i} @${i};`).join(' ');
  const schema: Any = capnp.loadSource(
    {
      '/enums.capnp': `@0xb4a5c6d7e8f90a1b;
enum Small { a @0; b @1; c @2; }
enum Large { ${many} }
struct Holder { small @0 :Small; large @1 :Large; smalls @2 :List(Small); larges @3 :List(Large); }`,
    },
    '/enums.capnp',
  );

  it('writes each enumerant, from fields and list elements, and names every valid one if wrong', () => {
    const { Holder } = schema;
    for (const [small, large] of [
      ['a', 'e0'],
      ['c', 'e19'],
      ['b', `e${'1'}${'2'}`], // a name built at run time, not the schema's own string
    ]) {
      const b = Holder.newMessage({ small, large, smalls: [small, 'a'], larges: [large, 'e5'] });
      const r = Holder.fromBytes(b.toBytes());
      expect([r.small, r.large, [...r.smalls], [...r.larges]]).toEqual([
        small,
        large,
        [small, 'a'],
        [large, 'e5'],
      ]);
    }
    expect(() => Holder.newMessage({ small: 'd' })).toThrow('expected one of "a", "b", "c"');
    expect(() => Holder.newMessage({ larges: ['e20'] })).toThrow(
      /expected one of "e0", "e1", .*"e19"\./,
    );
  });
});

describe('a root struct outside the first segment', () => {
  it('is the root: the message serializes as built, far root pointer and all', () => {
    // A one-word first segment holds only the root pointer; the struct lands in segment 1.
    const options = { firstSegmentWords: 1, growHeuristically: false, spareRoom: false };
    const b = Point.newMessage({ x: 3, next: { label: 'n' } }, options);
    expect(b.isRoot()).toBe(true);
    expect(b.next.isRoot()).toBe(false);
    const segments = b.toSegments();
    expect(segments.length).toBeGreaterThan(2);
    expect(segments[0]).toHaveLength(8);
    expect(farPointerCensus(segments).single).toBeGreaterThan(0);
    expect(Point.fromSegments(segments).toObject()).toEqual({
      x: 3,
      y: 7,
      next: { x: 0, y: 7, label: 'n' },
    });
  });
});

describe('the first segment of a new message', () => {
  const load = (): Any =>
    capnp.loadSource(
      { '/sized.capnp': '@0xc4d5e6f7a8b9c0d1;\nstruct Sized { values @0 :List(UInt64); }' },
      '/sized.capnp',
    ).Sized;
  const values = (n: number) => ({ values: Array.from({ length: n }, (_, i) => BigInt(i)) });

  it('is about as large as the recent serialized messages of the type', () => {
    const Sized = load();
    const big = values(3000);
    // The first message's first segment is the reference's 1024 words: too small for 3000.
    expect(Sized.newMessage(big).toSegments()).toHaveLength(2);
    // The next one is made as large as that message was.
    const second = Sized.newMessage(big);
    expect(second.toSegments()).toHaveLength(1);
    expect(Sized.fromBytes(second.toBytes()).toObject()).toEqual(big);
    // One smaller message (made any way: its root is of the type) shrinks the hint by only a
    // quarter, so a big one still fits...
    Sized.fromText('(values = [1])').toBytes();
    expect(Sized.newMessage(values(2000)).toSegments()).toHaveLength(1);
    // ...and many make it small: a 100-element list then needs a second segment.
    for (let i = 0; i < 40; i++) Sized.newMessage(values(1)).toBytes();
    const after = Sized.newMessage(values(100));
    expect(after.toSegments()).toHaveLength(2);
    expect(Sized.fromBytes(after.toBytes()).toObject()).toEqual(values(100));
    // An explicit size wins.
    expect(Sized.newMessage(big, { firstSegmentWords: 4000 }).toSegments()).toHaveLength(1);
    // Without growth every segment has the first one's size, so that is the reference's 1024
    // words unless given, not the hint's (sized for one whole message, here three words, which
    // would put the list of ten words in a second segment).
    for (let i = 0; i < 40; i++) Sized.newMessage(values(0)).toBytes();
    expect(Sized.newMessage(values(10), { growHeuristically: false }).toSegments()).toHaveLength(1);
  });
});

describe('Text beginning with U+FEFF', () => {
  it('round-trips whole, short and long (the platform decoder would drop it as a BOM)', () => {
    for (const label of ['\uFEFF', '\uFEFFtag', `\uFEFF${'é'.repeat(40)}`]) {
      const bytes = Point.newMessage({ label }).toBytes();
      expect(Point.fromBytes(bytes).label).toBe(label);
    }
  });
});
