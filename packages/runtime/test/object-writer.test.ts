import * as capnp from '@capnp-kit/runtime';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allTypesValue, expectedObject, unionsValue } from './conformance-arbitraries.js';
import { type Any, conformance } from './conformance-support.js';

describe('plain objects written into structs', () => {
  // Objects are written by a loop generated per struct type, or without code generation by a
  // generic one (without-codegen.test.ts runs this file that way too): both must mean the same.
  const schema: Any = capnp.loadSource(
    {
      '/objects.capnp': `@0xc4a5c6d7e8f90a1c;
struct Obj {
  constructor @0 :Text;
  toString @1 :UInt32;
  name @2 :Text;
  union {
    a @3 :Text;
    b @4 :UInt32;
    c @5 :Void;
    d :group { e @6 :Text; f @7 :UInt8; }
  }
  g :group {
    x @8 :UInt32 = 9;
    y @9 :Text;
    u :union { p @10 :Text; q @11 :UInt16; }
  }
}`,
    },
    '/objects.capnp',
  );
  const { Obj } = schema;
  const read = (init: unknown) => Obj.fromBytes(Obj.newMessage(init).toBytes());

  it('fields named like Object.prototype members are written only from own properties', () => {
    // The reader's getters of these fields shadow the inherited members.
    const plain = read({ name: 'n' });
    expect([plain.has('constructor'), plain.constructor, plain.toString, plain.name]).toEqual([
      false,
      '',
      0,
      'n',
    ]);
    const own = read({ constructor: 'c', toString: 7, name: 'n' });
    expect([own.constructor, own.toString, own.name]).toEqual(['c', 7, 'n']);
  });

  it('two members of one union: the last one given wins, in structs and in named unions', () => {
    expect(read({ a: 'x', b: 5 }).which()).toBe('b');
    const r = read({ b: 5, a: 'x' });
    expect([r.which(), r.a]).toEqual(['a', 'x']);
    const g = read({ g: { u: { q: 1, p: 'z' } } }).g;
    expect([g.u.which(), g.u.p, g.x]).toEqual(['p', 'z', 9]);
  });

  it('an unknown key is reported among known ones; undefined values are skipped', () => {
    expect(() => Obj.newMessage({ name: 'n', nmae: 'x' })).toThrow(/no field 'nmae'/);
    expect(() => Obj.newMessage({ aLongUnknownKey: 1 })).toThrow(/no field 'aLongUnknownKey'/);
    expect(() => Obj.newMessage({ g: { x: 1, z: 2 } })).toThrow(/no field 'z'/);
    const r = read({ name: undefined, toString: 3, a: undefined, b: 4 });
    expect([r.has('name'), r.toString, r.which(), r.b]).toEqual([false, 3, 'b', 4]);
  });

  it('class instances and null-prototype objects write their enumerable fields', () => {
    class Named {
      name = 'k';
      get b(): never {
        throw new Error('a prototype getter is not a field value');
      }
    }
    expect(read(new Named()).name).toBe('k');
    const bare = Object.assign(Object.create(null), { name: 'm', b: 2 });
    const r = read(bare);
    expect([r.name, r.which(), r.b]).toEqual(['m', 'b', 2]);
  });

  it('a group given as an object replaces the group, in new and in used structs', () => {
    expect(read({ d: { f: 4 } }).d.e).toBe('');
    const b = Obj.newMessage({ a: 'A', g: { x: 1, y: 'yy', u: { p: 'pp' } } });
    // d.e shares its pointer with a: writing d must not leave a's text in d.e.
    b.d = { f: 4 };
    b.g = { x: 2 };
    const r = Obj.fromBytes(b.toBytes());
    expect([r.which(), r.d.e, r.d.f]).toEqual(['d', '', 4]);
    expect([r.g.x, r.g.y, r.g.u.which(), r.g.u.p]).toEqual([2, '', 'p', '']);
  });
});

describe.each([
  ['AllTypes', conformance.AllTypes, allTypesValue],
  ['Unions', conformance.Unions, unionsValue],
] as [string, Any, fc.Arbitrary<Record<string, unknown>>][])(
  '%s from random objects',
  (_, T, value) => {
    const id: bigint = T.schema.id;
    // Key order and keys left undefined change the order of writing, never what the message says.
    it('any key order, with or without undefined keys, gives the same content', () => {
      fc.assert(
        fc.property(value, fc.boolean(), (v, addUndefined) => {
          const shuffled: Record<string, unknown> = {};
          for (const key of Object.keys(v).reverse()) shuffled[key] = v[key];
          if (addUndefined) {
            const unset = T.schema.struct.fields.find((f: Any) => !(f.name in v));
            if (unset !== undefined) shuffled[unset.name] = undefined;
          }
          const want = expectedObject(v, id);
          expect(T.fromBytes(T.newMessage(v).toBytes()).toObject()).toEqual(want);
          expect(T.fromBytes(T.newMessage(shuffled).toBytes()).toObject()).toEqual(want);
        }),
        { numRuns: 60 },
      );
    });
  },
);
