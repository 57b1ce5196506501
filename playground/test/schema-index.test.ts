import { describe, expect, it } from 'vitest';
import { indexModule } from '../src/schema/schema-index.js';
import { AddressBook, ab, Person } from './addressbook.js';

describe('indexModule', () => {
  const index = indexModule(ab);

  it('lists every struct, nested ones by their path', () => {
    expect(index.structs.map((s) => s.name)).toEqual([
      'Person',
      'Person.PhoneNumber',
      'AddressBook',
    ]);
    expect(index.structs.find((s) => s.name === 'AddressBook')?.type).toBe(AddressBook);
  });

  it('finds the nodes of structs, groups and enums by ID', () => {
    const node = Person.schema.node;
    expect(index.lookup(node.id)).toBe(node);
    const employment = Person.schema.fields.employment?.group;
    expect(employment).toBeDefined();
    expect(index.lookup(employment?.id ?? 0n)?.displayName).toBe(
      'addressbook.capnp:Person.employment',
    );
    const type = (Person as unknown as { PhoneNumber: { Type: { schema: { id: bigint } } } })
      .PhoneNumber.Type;
    expect(index.lookup(type.schema.id)?.which).toBe('enum');
  });

  it('adds the nodes it is given', () => {
    const extra = { ...Person.schema.node, id: 0x1234n };
    expect(indexModule(ab, [extra]).lookup(0x1234n)).toBe(extra);
    expect(index.lookup(0x1234n)).toBeUndefined();
  });
});
