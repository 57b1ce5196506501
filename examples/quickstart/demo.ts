/**
 * The pycapnp quickstart, end to end, in TypeScript: every step of its serialization half with
 * capnp-kit, printed as it runs (`pnpm demo`). A part that is not built yet says so.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as capnp from '@capnp-kit/runtime';
// pycapnp's import hook: `node --import @capnp-kit/runtime/register` (see package.json) makes a
// schema a module; its types come from addressbook.d.capnp.ts (`capnp-kit types`).
import addressbook from './addressbook.capnp';

function section(title: string): void {
  process.stdout.write(`\n== ${title}\n`);
}

function show(label: string, value: unknown): void {
  const text = typeof value === 'string' ? value : JSON.stringify(value, replacer);
  process.stdout.write(`${label}: ${text}\n`);
}

function replacer(_key: string, v: unknown): unknown {
  return typeof v === 'bigint' ? `${v}n` : v;
}

const dir = mkdtempSync(join(tmpdir(), 'capnp-kit-demo-'));

try {
  section('Load a Cap’n Proto schema');
  // pycapnp: import addressbook_capnp, or addressbook_capnp = capnp.load('addressbook.capnp')
  const loaded = capnp.load(join(import.meta.dirname, 'addressbook.capnp'));
  show('load() gives the imported module', (loaded as object) === addressbook);
  const ab = addressbook;
  show('types', Object.keys(ab));
  show('Person.PhoneNumber.Type', ab.Person.PhoneNumber.Type);

  section('Const values');
  show('ab.qux', ab.qux);

  section('Build a message');
  // Keyword arguments of new_message are a plain object here.
  const person = ab.Person.newMessage({ name: 'alice' });
  show('Person.newMessage({ name: "alice" }).name', person.name);

  const addresses = ab.AddressBook.newMessage();
  const people = addresses.init('people', 2);

  const alice = people[0];
  alice.id = 123;
  alice.name = 'Alice';
  alice.email = 'alice@example.com';
  const alicePhone = alice.init('phones', 1)[0];
  alicePhone.type = 'mobile';
  alicePhone.number = '555-1212';
  try {
    // @ts-expect-error: not an enumerant (the types know it; the runtime refuses it too)
    alicePhone.type = 'foo';
  } catch (e) {
    show('alicePhone.type = "foo"', (e as Error).message);
  }
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
  show('built', `${people.length} people, ${addresses.totalSize.wordCount} words`);

  section('Write to a file, read it back (flat and packed)');
  const flat = join(dir, 'example.bin');
  const packed = join(dir, 'example.packed.bin');
  let file = await open(flat, 'w');
  await addresses.write(file.createWriteStream());
  await file.close();
  file = await open(packed, 'w');
  await addresses.writePacked(file.createWriteStream());
  await file.close();
  show('example.bin', `${readFileSync(flat).length} bytes`);
  show('example.packed.bin', `${readFileSync(packed).length} bytes`);

  file = await open(flat);
  const read = await ab.AddressBook.read(file.createReadStream());
  await file.close();
  file = await open(packed);
  const readPacked = await ab.AddressBook.readPacked(file.createReadStream());
  await file.close();
  show('read and readPacked agree', readPacked.toString() === read.toString());

  section('Reading fields and unions');
  for (const p of read.people) {
    process.stdout.write(`${p.name}: ${p.email}\n`);
    for (const phone of p.phones) process.stdout.write(`  ${phone.type}: ${phone.number}\n`);
    const which = p.employment.which();
    if (which === 'unemployed') process.stdout.write('  unemployed\n');
    else if (which === 'employer') process.stdout.write(`  employer: ${p.employment.employer}\n`);
    else if (which === 'school') process.stdout.write(`  student at: ${p.employment.school}\n`);
    else if (which === 'selfEmployed') process.stdout.write('  self employed\n');
  }

  section('Multi-message files');
  const multi = join(dir, 'multi.bin');
  file = await open(multi, 'w');
  const out = file.createWriteStream();
  for (let i = 0; i < 3; i++) await addresses.write(out);
  await file.close();
  file = await open(multi);
  let count = 0;
  for await (const book of ab.AddressBook.readMultiple(file.createReadStream())) {
    count++;
    show(
      `message ${count}`,
      book.people.toArray().map((p) => p.name),
    );
  }
  await file.close();

  section('Dictionaries (toObject) and back (newMessage)');
  show('alice.toObject()', alice.toObject());
  const alice2 = ab.Person.newMessage(alice.toObject());
  show('Person.newMessage(alice.toObject()).name', alice2.name);
  const book = ab.AddressBook.newMessage({ people: [{ name: 'Alice' }] });
  const book2 = ab.AddressBook.newMessage();
  book2.init('people', 1).set(0, { name: 'Bob' });
  show('from a plain object', book.toObject());
  show('list element from a plain object', book2.toObject());

  section('Byte strings');
  const encoded = alice.toBytes();
  show('alice.toBytes()', `${encoded.length} bytes`);
  show('Person.fromBytes(…).name', ab.Person.fromBytes(encoded).name);
  const alice3 = ab.Person.fromBytesPacked(alice.toBytesPacked());
  show('Person.fromBytesPacked(alice.toBytesPacked()).email', alice3.email);
  writeFileSync(join(dir, 'alice.bin'), encoded);

  section('The Cap’n Proto text format and JSON');
  process.stdout.write(`${addresses.toString()}\n`);
  show('JSON', JSON.stringify(read));

  section('RPC: the calculator');
  // A TwoPartyServer and a TwoPartyClient on loopback, running the quickstart's calls.
  const { runCalculatorDemo } = await import('../calculator/run.js');
  await runCalculatorDemo((line) => process.stdout.write(`${line}\n`));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
