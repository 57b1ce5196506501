import { join } from 'node:path';
import * as capnp from '@capnp-kit/runtime';
import { describe, expect, it } from 'vitest';

// biome-ignore lint/suspicious/noExplicitAny: loaded modules are dynamic here
type Any = any;
const m: Any = capnp.load(join(import.meta.dirname, 'fixtures/reflection/reflect.capnp'));

describe('reflection (T.schema)', () => {
  it('lists fields in code order, split into union and non-union members', () => {
    const s = m.Shape.schema;
    expect(s.name).toBe('Shape');
    expect(s.fieldNames).toEqual(['name', 'tags', 'circle', 'square', 'color']);
    expect(s.unionFields).toEqual(['circle', 'square']);
    expect(s.nonUnionFields).toEqual(['name', 'tags', 'color']);
    expect(s.fields.tags.typeName).toBe('List(Text)');
    expect(s.fields.color.typeName).toBe('Color');
    expect(s.fields.circle.discriminant).toBe(0);
    expect(s.fields.square.discriminant).toBe(1);
    expect(s.fields.name.ordinal).toBe(0);
    expect(s.fields.square.ordinal).toBeUndefined();
    expect(s.fields.square.isGroup).toBe(true);
    expect(s.fields.square.group.fieldNames).toEqual(['side', 'rounded']);
  });

  it('reads node properties through (id, displayName, struct layout)', () => {
    const s = m.Shape.schema;
    expect(typeof s.id).toBe('bigint');
    expect(s.id).toBe(s.node.id);
    expect(s.displayName.endsWith('reflect.capnp:Shape')).toBe(true);
    expect(s.struct.discriminantCount).toBe(2);
    expect(s.which).toBe('struct');
  });

  it('decodes annotation values with their names', () => {
    const s = m.Shape.schema;
    expect(s.annotations).toEqual([{ id: 0xe1c4d1a0b2c3d4e5n, name: 'label', value: 'a shape' }]);
    expect(s.fields.name.annotations.map((a: Any) => [a.name, a.value])).toEqual([
      ['label', 'the name'],
      ['weight', 7],
    ]);
    expect(m.schema.annotations.map((a: Any) => [a.name, a.value])).toEqual([
      ['namespace', 'reflect'],
    ]);
  });

  it('describes enums and their enumerants', () => {
    const e = m.Color.schema;
    expect(e.enumerants.map((x: Any) => [x.name, x.ordinal])).toEqual([
      ['red', 0],
      ['green', 1],
      ['blue', 2],
    ]);
    expect(e.enumerants[1].annotations[0].value).toBe('the default');
    expect(e.annotations[0].value).toBe('colors');
  });

  it('describes interfaces: methods and superclasses', () => {
    const i = m.Drawer.schema;
    expect(Object.keys(i.methods)).toEqual(['draw', 'clear']);
    expect(i.methods.draw.ordinal).toBe(0);
    expect(i.methods.draw.annotations[0].value).toBe('draw it');
    expect(typeof i.methods.draw.paramStructType).toBe('bigint');
    expect(m.FancyDrawer.schema.superclasses).toEqual([i.id]);
  });

  it('shows generic bindings of applied types', () => {
    const plain = m.Box.schema;
    expect(plain.brand).toBeNull();
    expect(plain.fields.value.typeName).toBe('AnyPointer');
    const boxed = m.Box(capnp.Text).schema;
    expect(boxed.brand).not.toBeNull();
    expect(boxed.fields.value.type).toEqual({ which: 'text' });
    expect(boxed.fields.value.typeName).toBe('Text');
    expect(m.Box(capnp.Text)).toBe(m.Box(capnp.Text));
  });
});

describe('a declaration named schema', () => {
  it('keeps its name on the module object (and as the named export)', () => {
    const mod: Any = capnp.loadSource(
      {
        'named.capnp':
          '@0xd5ae1ad5a4a1c0f2;\nconst schema :Text = "mine";\nstruct Plain { x @0 :UInt8; }\n',
      },
      'named.capnp',
    );
    expect(mod.schema).toBe('mine');
    expect(mod.Plain.schema.fieldNames).toEqual(['x']);
  });
});
