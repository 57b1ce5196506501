import { compile } from '@capnp-kit/compiler';
import * as capnp from '@capnp-kit/runtime';
import { describe, expect, it } from 'vitest';
import { farPointerCensus, withDoubleFarPointers } from './far-pointers.js';

/**
 * Text and list fields are read by the generated reader classes' own getters (class-codegen.ts,
 * `FieldAccess.inline`), not through the field's reader function: every path of those getters,
 * against what the field reader gives.
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
// The same struct before the pointer fields were added (an older schema's data).
const OLD = `@0xd1c2b3a4f5e60718;
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
    expect(fields(r)).toEqual({
      name: 'Widget',
      tags: ['x', 'y', 'z'],
      parts: [1, -2],
      which: 'label',
    });
    expect(r.kind.label).toBe('L');
  });

  it('give the defaults for null pointers', () => {
    const r = item.fromBytes(item.newMessage({ id: 2 }).toBytes());
    expect(fields(r)).toEqual({ name: 'unnamed', tags: ['a', 'b'], parts: [], which: 'none' });
  });

  it('give the defaults for data of an older schema (no pointer section)', () => {
    const old = load(OLD).Item;
    const r = item.fromBytes(old.newMessage({ id: 3 }).toBytes());
    expect(r.id).toBe(3);
    expect(fields(r)).toEqual({ name: 'unnamed', tags: ['a', 'b'], parts: [], which: 'none' });
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
      expect(fields(r)).toEqual({
        name: 'Widget',
        tags: ['x', 'y', 'z'],
        parts: [1, -2],
        which: 'label',
      });
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
});
