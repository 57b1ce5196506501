import { join } from 'node:path';
import * as capnp from '@capnp-kit/runtime';
import { describe, expect, it } from 'vitest';

const schema = join(import.meta.dirname, '../../../examples/quickstart/addressbook.capnp');

// biome-ignore lint/suspicious/noExplicitAny: the loaded module is dynamic here (types come with the types issue)
type Any = any;

function buildBook(ab: Any): Any {
  const addresses = ab.AddressBook.newMessage();
  const people = addresses.init('people', 2);
  const alice = people[0];
  alice.id = 123;
  alice.name = 'Alice';
  alice.email = 'alice@example.com';
  const alicePhone = alice.init('phones', 1)[0];
  alicePhone.number = '555-1212';
  alicePhone.type = 'mobile';
  alice.employment.school = 'MIT';
  const bob = people[1];
  bob.id = 456;
  bob.name = 'Bob';
  bob.email = 'bob@example.com';
  const bobPhones = bob.init('phones', 2);
  bobPhones[0].number = '555-4567';
  bobPhones[0].type = 'home';
  bobPhones[1].number = '555-7654';
  bobPhones[1].type = 'work';
  bob.employment.unemployed = null;
  return addresses;
}

const expected = {
  people: [
    {
      id: 123,
      name: 'Alice',
      email: 'alice@example.com',
      phones: [{ number: '555-1212', type: 'mobile' }],
      employment: { school: 'MIT' },
    },
    {
      id: 456,
      name: 'Bob',
      email: 'bob@example.com',
      phones: [
        { number: '555-4567', type: 'home' },
        { number: '555-7654', type: 'work' },
      ],
      employment: { unemployed: null },
    },
  ],
};

describe('the pycapnp quickstart, in TypeScript', () => {
  const ab: Any = capnp.load(schema);

  it('loads the schema: types, nested types, enums and constants', () => {
    expect(ab.qux).toBe(123);
    expect(typeof ab.Person.newMessage).toBe('function');
    expect(ab.Person.PhoneNumber.Type).toEqual({ mobile: 0, home: 1, work: 2 });
    expect(capnp.load(schema).Person).toBe(ab.Person);
  });

  it('builds the address book and reads it back from bytes', () => {
    const book = buildBook(ab);
    expect(book.toObject()).toEqual(expected);
    const read = ab.AddressBook.fromBytes(book.toBytes());
    expect(read.toObject()).toEqual(expected);
    const names = [];
    for (const person of read.people) names.push(`${person.name}:${person.email}`);
    expect(names).toEqual(['Alice:alice@example.com', 'Bob:bob@example.com']);
    expect(read.people[0].employment.which()).toBe('school');
    expect(read.people[0].employment.school).toBe('MIT');
    expect(read.people[1].employment.which()).toBe('unemployed');
  });

  it('round-trips packed bytes and several messages in one buffer', () => {
    const book = buildBook(ab);
    expect(ab.AddressBook.fromBytesPacked(book.toBytesPacked()).toObject()).toEqual(expected);
    const one = book.toBytes();
    const three = new Uint8Array(one.length * 3);
    for (let i = 0; i < 3; i++) three.set(one, i * one.length);
    expect([...ab.AddressBook.readMultipleBytes(three)].map((b: Any) => b.people.length)).toEqual([
      2, 2, 2,
    ]);
    const packed = book.toBytesPacked();
    const threePacked = new Uint8Array(packed.length * 3);
    for (let i = 0; i < 3; i++) threePacked.set(packed, i * packed.length);
    expect(
      [...ab.AddressBook.readMultipleBytesPacked(threePacked)].map((b: Any) => b.toObject()),
    ).toEqual([expected, expected, expected]);
  });

  it('takes plain objects: newMessage(init) and list elements', () => {
    expect(ab.Person.newMessage({ name: 'alice' }).name).toBe('alice');
    expect(ab.AddressBook.newMessage({ people: [{ name: 'Alice' }] }).people[0].name).toBe('Alice');
    const book = ab.AddressBook.newMessage();
    book.init('people', 1);
    book.people[0] = { name: 'Bob' };
    expect(book.people[0].name).toBe('Bob');
    expect(ab.AddressBook.newMessage(expected).toObject()).toEqual(expected);
  });

  it('rejects a wrong enumerant, listing the valid ones', () => {
    const phone = ab.Person.PhoneNumber.newMessage();
    expect(() => {
      phone.type = 'foo';
    }).toThrow(/"foo" is not an enumerant; expected one of "mobile", "home", "work"/);
  });

  it('needs init() for union members that are structs, and tracks the active member', () => {
    const person = ab.Person.newMessage();
    person.employment.employer = 'Acme';
    expect(person.employment.which()).toBe('employer');
    person.employment.school = 'MIT';
    expect(person.employment.which()).toBe('school');
    expect(() => person.employment.employer).toThrow(capnp.CapnpError);
  });

  it('reports unknown fields and wrong value types with typed errors', () => {
    expect(() => ab.Person.newMessage({ nmae: 'x' })).toThrow(
      expect.objectContaining({ code: 'unknown-field' }),
    );
    expect(() => ab.Person.newMessage({ id: -1 })).toThrow(
      expect.objectContaining({ code: 'out-of-range' }),
    );
    expect(() => ab.Person.newMessage({ id: 'x' })).toThrow(
      expect.objectContaining({ code: 'invalid-value' }),
    );
    expect(() => ab.Person.newMessage({ name: 5 })).toThrow(
      expect.objectContaining({ code: 'invalid-value' }),
    );
  });

  it('copies between messages: asBuilder, copy, asReader', () => {
    const book = buildBook(ab);
    const reader = ab.AddressBook.fromBytes(book.toBytes());
    const copy = reader.asBuilder();
    copy.people[0].name = 'Alicia';
    expect(copy.people[0].name).toBe('Alicia');
    expect(reader.people[0].name).toBe('Alice');
    expect(book.copy().toObject()).toEqual(expected);
    expect(book.asReader().toObject()).toEqual(expected);
  });
});
