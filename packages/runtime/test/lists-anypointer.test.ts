import * as capnp from '@capnp-kit/runtime';
import { describe, expect, it } from 'vitest';
import {
  type Any,
  asJson,
  bytes,
  conformance,
  decode,
  liveCapnp,
  runCapnp,
} from './conformance-support.js';

/**
 * Lists (indexing, range errors, plain-object elements, nested init), AnyPointer fields as
 * typed views (getAs / setAs / initAs) and generic structs bound to brands, on
 * conformance.capnp. What goes into AnyPointer fields is checked by reading the same bytes as
 * HolderView, whose fields have the types the tests put there (with the live capnp too).
 */

const { AllTypes, Holder, HolderView, Point, Box, UsesBox } = conformance as Record<string, Any>;
const { List, Text, Data, Int32, Int16 } = capnp;

function code(fn: () => unknown): string {
  try {
    fn();
    return 'no error';
  } catch (e) {
    if (e instanceof capnp.CapnpError || e instanceof capnp.WireError) return e.code;
    throw e;
  }
}

describe('lists', () => {
  it('index, get, iterate and toArray agree, on builders and readers', () => {
    const b = AllTypes.newMessage({ int16List: [1, -2, 3], textList: ['a', 'b'] });
    for (const l of [b.int16List, AllTypes.fromBytes(b.toBytes()).int16List]) {
      expect([l.length, l[0], l.get(1), [...l], l.toArray()]).toEqual([
        3,
        1,
        -2,
        [1, -2, 3],
        [1, -2, 3],
      ]);
    }
  });

  it('out-of-range indexes are errors, never wrap around', () => {
    const b = AllTypes.newMessage({ boolList: [true, false, true], structList: [{}] });
    const r = AllTypes.fromBytes(b.toBytes());
    for (const l of [b.boolList, r.boolList, b.structList, r.structList]) {
      expect(code(() => l.get(l.length))).toBe('out-of-range');
      expect(code(() => l.get(-1))).toBe('out-of-range');
      expect(code(() => l.get(1.5))).toBe('out-of-range');
      expect(code(() => l[l.length])).toBe('out-of-range');
    }
    expect(code(() => b.boolList.set(3, true))).toBe('out-of-range');
    expect(
      code(() => {
        b.boolList[4] = true;
      }),
    ).toBe('out-of-range');
    expect(
      code(() => {
        r.boolList[0] = true;
      }),
    ).toBe('invalid-value');
    expect(b.boolList.toArray()).toEqual([true, false, true]);
  });

  it('element values are checked like fields', () => {
    const b = AllTypes.newMessage();
    const l = b.init('uInt8List', 2);
    expect(code(() => l.set(0, 256))).toBe('out-of-range');
    expect(
      code(() => {
        l[1] = 'x';
      }),
    ).toBe('invalid-value');
    expect(code(() => b.init('enumList', 1).set(0, 'purple'))).toBe('invalid-value');
    expect(code(() => b.init('uInt64List', 1).set(0, -1n))).toBe('out-of-range');
    expect(code(() => b.init('textList', 1).set(0, 5))).toBe('invalid-value');
  });

  it('struct elements take plain objects and structs (copied); other structs are refused', () => {
    const b = AllTypes.newMessage();
    const l = b.init('structList', 3);
    l.set(0, { x: 1, tags: ['t'] });
    l[1] = { label: 'two', next: { x: 2 } };
    l[2] = Point.newMessage({ x: 3, label: 'copied' }).asReader();
    l[0] = { y: 0 }; // replaces the whole element
    expect(AllTypes.fromBytes(b.toBytes()).toObject().structList).toEqual([
      { x: 0, y: 0 },
      { x: 0, y: 7, label: 'two', next: { x: 2, y: 7 } },
      { x: 3, y: 7, label: 'copied' },
    ]);
    expect(code(() => l.set(0, AllTypes.newMessage()))).toBe('invalid-value');
    expect(code(() => l.set(0, 5))).toBe('invalid-value');
  });

  it('init(i, n) builds nested lists at every depth', () => {
    const b = AllTypes.newMessage();
    const outer = b.init('uInt8ListListList', 2);
    const middle = outer.init(0, 2);
    middle.init(1, 3).set(2, 255);
    outer.init(1, 0);
    const points = b.init('structListList', 1).init(0, 2);
    points[1].x = 5;
    const texts = b.init('textListList', 2);
    texts.init(1, 1)[0] = 'deep';
    expect(AllTypes.fromBytes(b.toBytes()).toObject()).toMatchObject({
      uInt8ListListList: [[[], [0, 0, 255]], []],
      structListList: [[{ x: 0 }, { x: 5 }]],
      textListList: [[], ['deep']],
    });
    expect(code(() => outer.init(2, 1))).toBe('out-of-range');
  });

  it('lists of lists take arrays and lists per element', () => {
    const b = AllTypes.newMessage();
    const l = b.init('int32ListList', 3);
    l.set(0, [1, 2]);
    l[1] = AllTypes.newMessage({ int32List: [3] }).int32List;
    l[2] = AllTypes.fromBytes(AllTypes.newMessage({ int32List: [4, 5] }).toBytes()).int32List;
    expect(b.toObject().int32ListList).toEqual([[1, 2], [3], [4, 5]]);
  });

  it('Void and Bool lists of odd lengths', () => {
    const bools = Array.from({ length: 67 }, (_, i) => i % 3 === 0);
    const b = AllTypes.newMessage({ boolList: bools, voidList: new Array(9).fill(null) });
    const r = AllTypes.fromBytes(b.toBytes());
    expect(r.boolList.toArray()).toEqual(bools);
    expect(r.voidList.length).toBe(9);
  });
});

describe('AnyPointer fields', () => {
  /** What a Holder's AnyPointer fields hold, read through the typed twin HolderView. */
  function view(h: Any): Record<string, unknown> {
    const bytes = h.toBytes();
    const ours = asJson(HolderView.fromBytes(bytes));
    if (liveCapnp()) {
      const json = runCapnp(
        ['convert', 'binary:json', '--short', 'conformance.capnp', 'HolderView'],
        bytes,
      );
      expect(JSON.parse(decode(json))).toEqual(ours);
    }
    return ours as Record<string, unknown>;
  }

  it('setAs / getAs a struct, a list, Text and Data', () => {
    const h = Holder.newMessage({ label: 'h' });
    h.any.setAs(Point, { x: 1, label: 'any' });
    h.anyStruct.setAs(Point, Point.newMessage({ y: 2 }));
    h.anyList.setAs(List(Text), ['p', 'q']);
    expect(h.any.getAs(Point).label).toBe('any');
    expect(h.anyList.getAs(List(Text)).toArray()).toEqual(['p', 'q']);
    expect(view(h)).toEqual({
      any: { x: 1, y: 7, label: 'any' },
      anyStruct: { x: 0, y: 2 },
      anyList: ['p', 'q'],
      label: 'h',
    });
    const r = Holder.fromBytes(h.toBytes());
    expect([r.any.kind, r.anyList.kind, r.any.isNull()]).toEqual(['struct', 'list', false]);
    expect(r.any.getAs(Point).toObject()).toEqual({ x: 1, y: 7, label: 'any' });

    h.any.setAs(Text, 'text in any');
    expect(Holder.fromBytes(h.toBytes()).any.getAs(Text)).toBe('text in any');
    h.any.setAs(Data, Uint8Array.of(1, 2, 3));
    expect(Holder.fromBytes(h.toBytes()).any.getAs(Data)).toEqual(Uint8Array.of(1, 2, 3));
    h.any.setAs(List(Int32), [7, -7]);
    expect(Holder.fromBytes(h.toBytes()).any.getAs(List(Int32)).toArray()).toEqual([7, -7]);
  });

  it('initAs gives builders of structs and lists', () => {
    const h = Holder.newMessage();
    const p = h.any.initAs(Point);
    p.x = 11;
    p.init('tags', 1)[0] = 'tag';
    const l = h.anyList.initAs(List(Text), 2);
    l[1] = 'second';
    expect(view(h)).toMatchObject({ any: { x: 11, tags: ['tag'] }, anyList: ['', 'second'] });
    expect(code(() => h.any.initAs(List(Text)))).toBe('invalid-value');
    expect(code(() => h.any.initAs(Text))).toBe('invalid-value');
  });

  it('null AnyPointers read as the type’s default; the wrong kind is a typed error', () => {
    const r = Holder.fromBytes(Holder.newMessage({ label: 'x' }).toBytes());
    expect(r.any.isNull()).toBe(true);
    expect(r.any.getAs(Point).toObject()).toEqual({ x: 0, y: 7 });
    expect(r.any.getAs(Text)).toBe('');
    expect(r.any.getAs(List(Int16)).length).toBe(0);
    const h = Holder.newMessage();
    h.any.setAs(Point, { x: 1 });
    const read = Holder.fromBytes(h.toBytes());
    expect(code(() => read.any.getAs(List(Int16)))).toBe('wrong-pointer-kind');
    expect(code(() => read.any.getAs(Text))).toBe('wrong-pointer-kind');
    expect(code(() => h.any.setAs(Text, 5))).toBe('invalid-value');
    expect(code(() => h.any.setAs({}, 5))).toBe('invalid-value');
  });

  it('set() copies another AnyPointer, a struct or a list; clear() nulls it', () => {
    const src = Holder.newMessage();
    src.any.setAs(Point, { label: 'shared' });
    const h = Holder.newMessage();
    h.any.set(Holder.fromBytes(src.toBytes()).any);
    h.anyStruct.set(src.any.getAs(Point));
    h.anyList.set(AllTypes.newMessage({ textList: ['l'] }).textList);
    expect(view(h)).toMatchObject({
      any: { label: 'shared' },
      anyStruct: { label: 'shared' },
      anyList: ['l'],
    });
    h.any.clear();
    expect(h.has('any')).toBe(false);
    expect(Holder.fromBytes(h.toBytes()).any.isNull()).toBe(true);
  });
});

describe('generic structs bound to brands', () => {
  it('Box(Text), Box(Point) and Box(List(Int16)) build and read their values', () => {
    const text = Box(Text).newMessage({ value: 'boxed', count: 1 });
    const point = Box(Point).newMessage({ value: { x: 3 } });
    const list = Box(List(Int16)).newMessage({ value: [1, -1] });
    expect(Box(Text).fromBytes(text.toBytes()).value).toBe('boxed');
    expect(Box(Point).fromBytes(point.toBytes()).value.x).toBe(3);
    expect(Box(List(Int16)).fromBytes(list.toBytes()).value.toArray()).toEqual([1, -1]);
    expect(Box(Text)).toBe(Box(Text));
  });

  it('a message of branded fields is what capnp makes of the same text', () => {
    const u = UsesBox.newMessage();
    u.text.value = 'boxed';
    u.text.count = 1;
    u.point.init('value').label = 'in a box';
    u.point.value.x = 3;
    u.point.count = 2;
    u.list.value = [1, -1, 32767];
    const boxes = u.init('boxes', 3);
    boxes[0].value = 'a';
    boxes[1].count = 9;
    boxes[2] = { value: 'c', count: 3 };
    const c = `${import.meta.dirname}/fixtures/conformance/golden/UsesBox/boxes`;
    expect(u.canonicalize()).toEqual(bytes(`${c}.canonical`));
  });
});
