import * as capnp from '@capnp-kit/runtime';
import { describe, expect, it } from 'vitest';

// biome-ignore lint/suspicious/noExplicitAny: dynamically loaded schemas
type Any = any;

/**
 * The properties of a loaded module object and of its types (`m.Outer.Inner`) keep the object
 * they resolved, and resolve again once a changed schema has replaced the nodes they stand for
 * (the registry's generation), as a module loaded before a hot reload must.
 */

const FILE = '/reload.capnp';
const v1 = `@0xe3a1c2d4b5f60718;
struct Outer {
  a @0 :UInt32;
  struct Inner { x @0 :Text; }
  enum Kind { one @0; two @1; }
}
const answer :UInt32 = 42;
`;
// The same file, edited: a field added to Inner, an enumerant to Kind, the constant changed.
const v2 = `@0xe3a1c2d4b5f60718;
struct Outer {
  a @0 :UInt32;
  struct Inner { x @0 :Text; y @1 :Int16; }
  enum Kind { one @0; two @1; three @2; }
}
const answer :UInt32 = 43;
`;

const load = (text: string): Any => capnp.loadSource({ [FILE]: text }, FILE);

describe('module objects', () => {
  it('give the same objects on every access while the schema is unchanged', () => {
    const m = load(v1);
    const inner = m.Outer.Inner;
    expect(m.Outer.Inner).toBe(inner);
    expect(m.Outer).toBe(m.Outer);
    expect(m.Outer.Kind).toBe(m.Outer.Kind);
    expect(load(v1).Outer.Inner).toBe(inner);
    expect(m.answer).toBe(42);
  });

  it('follow a changed schema, and come back with it', () => {
    const m = load(v1);
    const before = m.Outer.Inner;
    expect(Object.keys(before.schema.fields)).toEqual(['x']);

    const changed = load(v2);
    // The module object loaded first now gives the new declarations too.
    for (const module of [m, changed]) {
      expect(module.Outer.Inner).not.toBe(before);
      expect(Object.keys(module.Outer.Inner.schema.fields)).toEqual(['x', 'y']);
      expect(module.Outer.Inner.newMessage({ x: 'a', y: -2 }).toObject()).toEqual({
        x: 'a',
        y: -2,
      });
      expect(module.Outer.Kind).toEqual({ one: 0, two: 1, three: 2 });
      expect(module.answer).toBe(43);
    }
    expect(m.Outer.Inner).toBe(changed.Outer.Inner);

    load(v1);
    expect(Object.keys(m.Outer.Inner.schema.fields)).toEqual(['x']);
    expect(m.Outer.Kind).toEqual({ one: 0, two: 1 });
    expect(m.answer).toBe(42);
  });
});
