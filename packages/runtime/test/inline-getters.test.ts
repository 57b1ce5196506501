import { compile } from '@capnp-kit/compiler';
import * as capnp from '@capnp-kit/runtime';
import { describe, expect, it } from 'vitest';
import { farPointerCensus, withDoubleFarPointers } from './far-pointers.js';

/**
 * Text, list, struct and group fields are read by the generated reader classes' own getters
 * (class-codegen.ts, `FieldAccess.inline`), not through the field's reader function: every path
 * of those getters, against what the field readers give.
 */

// biome-ignore lint/suspicious/noExplicitAny: dynamically loaded schemas
type Any = any;

const NEW = `@0xd1c2b3a4f5e60718;
struct Item {
  id @0 :UInt32;
  name @1 :Text = "unnamed";
  tags @2 :List(Text) = ["a", "b"];
  parts @3 :List(Part);
  kind :union {
    none @4 :Void;
    label @5 :Text = "none";
    sizes @6 :List(UInt16) = [7];
  }
}
struct Part { n @0 :Int8; }
`;
// The same struct before the pointer fields were added (an older schema's data; another file
// ID, so that loading it does not replace the nodes of NEW).
const OLD = `@0xd1c2b3a4f5e6071c;
struct Item { id @0 :UInt32; }
struct Part { n @0 :Int8; }
`;

const load = (text: string): Any => capnp.loadSource({ '/item.capnp': text }, '/item.capnp');
const item = load(NEW).Item;

const full = {
  id: 1,
  name: 'Widget',
  tags: ['x', 'y', 'z'],
  parts: [{ n: 1 }, { n: -2 }],
  kind: { label: 'L' },
};

/** What `fields` gives for `full`, and for a struct with no pointer set. */
const FULL_FIELDS = { name: 'Widget', tags: ['x', 'y', 'z'], parts: [1, -2], which: 'label' };
const DEFAULT_FIELDS = { name: 'unnamed', tags: ['a', 'b'], parts: [], which: 'none' };

/** Every inline-read field of a reader, as plain values. */
function fields(r: Any): unknown {
  return {
    name: r.name,
    tags: [...r.tags],
    parts: [...r.parts].map((p: Any) => p.n),
    which: r.kind.which(),
  };
}

describe('generated getters of Text and list fields', () => {
  it('read set fields', () => {
    const r = item.fromBytes(item.newMessage(full).toBytes());
    expect(fields(r)).toEqual(FULL_FIELDS);
    expect(r.kind.label).toBe('L');
  });

  it('give the defaults for null pointers', () => {
    const r = item.fromBytes(item.newMessage({ id: 2 }).toBytes());
    expect(fields(r)).toEqual(DEFAULT_FIELDS);
  });

  it('give the defaults for data of an older schema (no pointer section)', () => {
    const old = load(OLD).Item;
    const r = item.fromBytes(old.newMessage({ id: 3 }).toBytes());
    expect(r.id).toBe(3);
    expect(fields(r)).toEqual(DEFAULT_FIELDS);
  });

  it('read union members when active and throw the usual error when not', () => {
    const sizes = item.fromBytes(item.newMessage({ kind: { sizes: [1, 2] } }).toBytes());
    expect([...sizes.kind.sizes]).toEqual([1, 2]);
    expect(() => sizes.kind.label).toThrow(
      expect.objectContaining({ code: 'inactive-union-member' }),
    );
    const label = item.fromBytes(item.newMessage({ kind: { label: 'L' } }).toBytes());
    expect(() => label.kind.sizes).toThrow(
      expect.objectContaining({ code: 'inactive-union-member' }),
    );
    const none = item.fromBytes(item.newMessage({}).toBytes());
    expect(() => none.kind.label).toThrow(
      expect.objectContaining({ code: 'inactive-union-member' }),
    );
  });

  it('follow single and double far pointers', () => {
    // Segments just large enough for the root pointer and struct, without spare room: most
    // objects go to segments of their own.
    const options = { firstSegmentWords: 6, growHeuristically: false, spareRoom: false };
    const b = item.newMessage(undefined, options);
    b.name = full.name;
    b.tags = full.tags;
    b.parts = full.parts;
    b.kind.label = full.kind.label;
    const segments = b.toSegments();
    expect(farPointerCensus(segments).single).toBeGreaterThan(3);
    const double = withDoubleFarPointers(segments);
    expect(farPointerCensus(double).double).toBeGreaterThan(3);
    for (const s of [segments, double]) {
      const r = item.fromSegments(s);
      expect(fields(r)).toEqual(FULL_FIELDS);
      expect(r.kind.label).toBe('L');
    }
  });

  it('reject pointers of the wrong kind with the wire errors', () => {
    // Item with `name` (pointer 0) set to a struct pointer and `tags` (pointer 1) to a text.
    const b = item.newMessage({ parts: [{ n: 1 }] });
    const bytes = b.toBytes();
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    const root = 8 + 8 + (view.getUint32(8, true) >> 2) * 8;
    const pointers = root + (view.getUint32(12, true) & 0xffff) * 8;
    // Copy the `parts` list pointer (index 2) into `name`, re-aimed from its own slot.
    const partsLower = view.getUint32(pointers + 16, true);
    const offset = (partsLower >> 2) + 2;
    view.setUint32(pointers, (offset << 2) | 1, true);
    view.setUint32(pointers + 4, view.getUint32(pointers + 20, true), true);
    const r = item.fromBytes(bytes);
    expect(() => r.name).toThrow(expect.objectContaining({ code: 'wrong-element-size' }));
    // And `tags` (List(Text)) pointing at the struct list: a pointer list was expected.
    view.setUint32(pointers + 8, ((offset - 1) << 2) | 1, true);
    view.setUint32(pointers + 12, view.getUint32(pointers + 20, true), true);
    expect(() => item.fromBytes(bytes).tags).toThrow(
      expect.objectContaining({ code: 'wrong-element-size' }),
    );
  });

  it('charge each pointer once: re-reads are free, as through the field readers', () => {
    const r = item.fromBytes(item.newMessage(full).toBytes());
    const left = (): number => r._message.traversalLeft;
    const start = left();
    expect(r.name).toBe('Widget');
    expect(start - left()).toBe(1); // "Widget\0": one word
    expect([...r.tags]).toEqual(['x', 'y', 'z']);
    expect(start - left()).toBe(1 + 3 + 3); // the pointer list (3 words), three texts
    const charged = left();
    for (let i = 0; i < 1000; i++) fields(r);
    expect(start - left()).toBe(1 + 3 + 3 + (charged - left()));
    const again = left();
    for (let i = 0; i < 1000; i++) fields(r);
    expect(left()).toBe(again);
  });

  it('refuse a schema model whose offsets are not integers (they become generated source)', () => {
    const source = '@0xd1c2b3a4f5e60719; struct Evil { name @0 :Text; }';
    const request = compile({
      files: ['/evil.capnp'],
      readFile: (p) => (p === '/evil.capnp' ? source : undefined),
      standardImportPaths: false,
    }).request as Any;
    const evil = request.nodes.find((n: Any) => n.displayName === 'evil.capnp:Evil');
    evil.struct.fields[0].slot.offset = '0); globalThis.capnpKitInjected = 1; (0';
    const module = capnp.loadCompiled(request) as Any;
    expect(() => module.Evil.newMessage()).toThrow(
      expect.objectContaining({ code: 'schema', message: expect.stringContaining('offset') }),
    );
    expect((globalThis as Any).capnpKitInjected).toBeUndefined();
  });

  describe('integer, enum and group fields', () => {
    const SCALARS = `@0xd1c2b3a4f5e6071a;
enum Colour { red @0; green @1; blue @2; }
struct Scalars {
  i8 @0 :Int8 = -5;
  u8 @1 :UInt8 = 200;
  i16 @2 :Int16 = -300;
  u16 @3 :UInt16 = 60000;
  i32 @4 :Int32 = -70000;
  u32 @5 :UInt32 = 4000000000;
  colour @6 :Colour = blue;
  choice :union {
    count @7 :UInt16 = 9;
    box :group { side @8 :Int32 = -1; label @9 :Text; }
  }
}
`;
    const T = load(SCALARS).Scalars;
    const names = ['i8', 'u8', 'i16', 'u16', 'i32', 'u32', 'colour'] as const;
    const read = (r: Any) => Object.fromEntries(names.map((n) => [n, r[n]]));

    it('read what the builders (field readers) read, set or default', () => {
      const values = [
        {},
        { i8: 127, u8: 0, i16: -32768, u16: 1, i32: 2147483647, u32: 0, colour: 'red' },
        { i8: -128, u8: 255, i16: 32767, u16: 65535, i32: -2147483648, u32: 4294967295 },
      ];
      for (const v of values) {
        const b = T.newMessage(v);
        expect(read(T.fromBytes(b.toBytes()))).toEqual(read(b));
        expect(read(b)).toEqual({ ...read(T.newMessage()), ...v });
      }
      expect(read(T.newMessage())).toEqual({
        i8: -5,
        u8: 200,
        i16: -300,
        u16: 60000,
        i32: -70000,
        u32: 4000000000,
        colour: 'blue',
      });
    });

    it('give the defaults for data of an older schema (empty data section)', () => {
      const old = load('@0xd1c2b3a4f5e6071d; struct Scalars {}').Scalars;
      const r = T.fromBytes(old.newMessage().toBytes());
      expect(read(r)).toEqual(read(T.newMessage()));
      expect(r.choice.which()).toBe('count');
      expect(r.choice.count).toBe(9);
    });

    it('give an enumerant this schema does not know as its ordinal', () => {
      const newer = load(
        SCALARS.replace(
          'blue @2; }',
          'blue @2; cyan @3; magenta @4; yellow @5; black @6; white @7; }',
        ),
      ).Scalars;
      expect(T.fromBytes(newer.newMessage({ colour: 'white' }).toBytes()).colour).toBe(7);
    });

    it('read union members and groups, and refuse inactive ones', () => {
      const box = T.fromBytes(T.newMessage({ choice: { box: { side: 4, label: 'x' } } }).toBytes());
      expect(box.choice.which()).toBe('box');
      expect([box.choice.box.side, box.choice.box.label]).toEqual([4, 'x']);
      expect(() => box.choice.count).toThrow(
        expect.objectContaining({ code: 'inactive-union-member' }),
      );
      const count = T.fromBytes(T.newMessage({ choice: { count: 3 } }).toBytes());
      expect(count.choice.count).toBe(3);
      expect(() => count.choice.box).toThrow(
        expect.objectContaining({ code: 'inactive-union-member' }),
      );
    });
  });

  describe('struct fields', () => {
    const NODES = `@0xd1c2b3a4f5e6071f;
struct Node {
  value @0 :UInt32;
  next @1 :Node;
  fallback @2 :Node = (value = 42);
  pick :union { none @3 :Void; some @4 :Node; }
}
`;
    const N = load(NODES).Node;
    const chain = {
      value: 1,
      next: { value: 2, next: { value: 3 } },
      pick: { some: { value: 9 } },
    };

    it('read set fields, defaults, an older schema and union members', () => {
      const r = N.fromBytes(N.newMessage(chain).toBytes());
      expect([r.value, r.next.value, r.next.next.value, r.next.next.next.value]).toEqual([
        1, 2, 3, 0,
      ]);
      expect(r.fallback.value).toBe(42);
      expect(r.pick.some.value).toBe(9);
      expect(() => r.next.pick.some).toThrow(
        expect.objectContaining({ code: 'inactive-union-member' }),
      );
      const old = load('@0xd1c2b3a4f5e60720; struct Node { value @0 :UInt32; }').Node;
      const o = N.fromBytes(old.newMessage({ value: 5 }).toBytes());
      expect([o.value, o.next.value, o.fallback.value]).toEqual([5, 0, 42]);
    });

    it('follow far pointers and keep the nesting limit', () => {
      const options = { firstSegmentWords: 4, growHeuristically: false, spareRoom: false };
      const b = N.newMessage(undefined, options);
      b.value = 1;
      b.next = { value: 2, next: { value: 3 } };
      const segments = b.toSegments();
      expect(farPointerCensus(segments).single).toBeGreaterThan(0);
      for (const s of [segments, withDoubleFarPointers(segments)]) {
        const r = N.fromSegments(s);
        expect([r.value, r.next.value, r.next.next.value]).toEqual([1, 2, 3]);
      }
      const shallow = N.fromBytes(N.newMessage(chain).toBytes(), { nestingLimit: 2 });
      expect(shallow.next.value).toBe(2);
      expect(() => shallow.next.next).toThrow(expect.objectContaining({ code: 'nesting-limit' }));
    });

    it('refuse a pointer of another kind and charge each pointer once', () => {
      const b = N.newMessage({ value: 1, next: { value: 2 } });
      const bytes = b.toBytes();
      const r = N.fromBytes(bytes);
      const left = (): number => r._message.traversalLeft;
      const start = left();
      for (let i = 0; i < 100; i++) expect(r.next.value).toBe(2);
      expect(start - left()).toBe(4); // Node: one data word, three pointers
      // Make `next` a list pointer (kind 1) to the same place.
      const view = new DataView(bytes.buffer, bytes.byteOffset);
      const root = 16 + (view.getUint32(8, true) >> 2) * 8;
      const next = root + 8;
      view.setUint32(next, view.getUint32(next, true) | 1, true);
      expect(() => N.fromBytes(bytes).next).toThrow(
        expect.objectContaining({ code: 'wrong-pointer-kind' }),
      );
    });
  });
});
