/**
 * Every construct of the pycapnp quickstart (examples/quickstart/addressbook.capnp), typed: what
 * compiles here compiles for users, and each `@ts-expect-error` line is code the types reject.
 */
import { expectTypeOf } from 'vitest';
import ab, { AddressBook, Person, qux } from './addressbook.capnp';

declare const stream: import('@capnp-kit/runtime').StreamSource;
declare const sink: import('@capnp-kit/runtime').StreamSink;

// Load a schema: the default export and the named exports are the same objects.
expectTypeOf(ab.Person).toEqualTypeOf(Person);
expectTypeOf(ab.AddressBook).toEqualTypeOf(AddressBook);

// Const values.
expectTypeOf(ab.qux).toEqualTypeOf<123>();
expectTypeOf(qux).toEqualTypeOf<123>();

// Enums are objects mapping names to ordinals; their type is the union of the names.
expectTypeOf(ab.Person.PhoneNumber.Type.home).toEqualTypeOf<1>();
expectTypeOf<Person.PhoneNumber.Type>().toEqualTypeOf<'mobile' | 'home' | 'work'>();

// Build a message.
const addresses = ab.AddressBook.newMessage();
expectTypeOf(addresses).toEqualTypeOf<AddressBook.Builder>();
const person = ab.Person.newMessage({ name: 'alice' });
person.name = 'alice';
const people = addresses.init('people', 2);
expectTypeOf(people.length).toEqualTypeOf<number>();
const alice = people[0];
expectTypeOf(alice).toEqualTypeOf<Person.Builder>();

// Primitive types.
alice.id = 123;
alice.name = 'Alice';
alice.email = 'alice@example.com';
expectTypeOf(alice.id).toEqualTypeOf<number>();
// @ts-expect-error -- a wrong field type: id is a UInt32
alice.id = 'x';
// @ts-expect-error -- a wrong field type: name is Text
alice.name = 5;
// @ts-expect-error -- an unknown field
alice.nmae = 'Alice';

// Lists of structs are allocated with init(name, size).
const alicePhone = alice.init('phones', 1)[0];
expectTypeOf(alicePhone).toEqualTypeOf<Person.PhoneNumber.Builder>();
alicePhone.number = '555-1212';
// Enums are assigned by name.
alicePhone.type = 'mobile';
// @ts-expect-error -- a wrong enumerant name
alicePhone.type = 'foo';
// @ts-expect-error -- init(name, size) of a list needs the size
alice.init('phones');

// Unions: assigning a member makes it active; Void members take null.
alice.employment.school = 'MIT';
const bob = people[1];
bob.employment.unemployed = null;
// @ts-expect-error -- Void takes null, nothing else
bob.employment.unemployed = 1;
// @ts-expect-error -- init() only takes struct, group, list, Data and AnyPointer fields
alice.employment.init('school');

// Writing and reading: bytes, packed bytes, streams, several messages.
expectTypeOf(addresses.write(sink)).toEqualTypeOf<Promise<void>>();
expectTypeOf(addresses.writePacked(sink)).toEqualTypeOf<Promise<void>>();
const encoded = alice.toBytes();
expectTypeOf(ab.Person.fromBytes(encoded)).toEqualTypeOf<Person.Reader>();
expectTypeOf(ab.Person.fromBytesPacked(alice.toBytesPacked())).toEqualTypeOf<Person.Reader>();
expectTypeOf(ab.AddressBook.read(stream)).toEqualTypeOf<Promise<AddressBook.Reader>>();
expectTypeOf(ab.AddressBook.readPacked(stream)).toEqualTypeOf<Promise<AddressBook.Reader>>();
expectTypeOf(ab.AddressBook.readMultiple(stream)).toEqualTypeOf<
  AsyncIterable<AddressBook.Reader>
>();
expectTypeOf(ab.AddressBook.readMultiplePacked(stream)).toEqualTypeOf<
  AsyncIterable<AddressBook.Reader>
>();
expectTypeOf(ab.AddressBook.readMultipleBytes(encoded)).toEqualTypeOf<
  Iterable<AddressBook.Reader>
>();

// Reading fields: lists iterate and index like arrays.
const read = ab.AddressBook.fromBytes(addresses.toBytes());
for (const p of read.people) {
  expectTypeOf(p.name).toEqualTypeOf<string>();
  expectTypeOf(p.email).toEqualTypeOf<string>();
  for (const phone of p.phones) {
    // Readers give names, or the ordinal of an enumerant a newer schema added.
    expectTypeOf(phone.type).toEqualTypeOf<Person.PhoneNumber.Type | number>();
    expectTypeOf(phone.number).toEqualTypeOf<string>();
  }
}
expectTypeOf(read.people.get(0)).toEqualTypeOf<Person.Reader>();
// @ts-expect-error -- readers are read-only
read.people[0].name = 'x';

// Reading unions: which() names the active member.
const which = read.people[0].employment.which();
expectTypeOf(which).toEqualTypeOf<
  'unemployed' | 'employer' | 'school' | 'selfEmployed' | `(unknown union member ${number})`
>();
if (which === 'employer') expectTypeOf(read.people[0].employment.employer).toEqualTypeOf<string>();
// @ts-expect-error -- not a member of the union
if (which === 'retired') throw new Error();
// A struct without a union has no active member.
expectTypeOf(read.which()).toEqualTypeOf<undefined>();

// Dictionaries: toObject() and newMessage(init) with plain objects and arrays.
const object = alice.toObject();
expectTypeOf(object.id).toEqualTypeOf<number>();
expectTypeOf(object.name).toEqualTypeOf<string | undefined>();
expectTypeOf(object.employment.school).toEqualTypeOf<string | undefined>();
expectTypeOf(alice.toObject({ enums: 'ordinal' }).phones).toEqualTypeOf<
  { number?: string; type: number }[] | undefined
>();
const myDict = { name: 'alice' };
ab.Person.newMessage(myDict);
// @ts-expect-error -- an unknown field in an init object
ab.Person.newMessage({ nmae: 'alice' });
// @ts-expect-error -- a wrong enumerant name in an init object
ab.Person.PhoneNumber.newMessage({ type: 'pager' });
const book = ab.AddressBook.newMessage({ people: [{ name: 'Alice' }] });
book.init('people', 1);
book.people.set(0, { name: 'Bob' });
// TypeScript types an index write as the element read (a builder), so a plain object goes
// through set(); `book.people[0] = { name: 'Bob' }` works at run time but is not typed.
// @ts-expect-error -- see above
book.people[0] = { name: 'Bob' };

// Builders and readers convert into each other.
expectTypeOf(read.asBuilder()).toEqualTypeOf<AddressBook.Builder>();
expectTypeOf(book.asReader()).toEqualTypeOf<AddressBook.Reader>();
expectTypeOf(book.copy()).toEqualTypeOf<AddressBook.Builder>();
expectTypeOf(read.has).parameter(0).toEqualTypeOf<'people'>();
