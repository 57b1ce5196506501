import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as capnp from '@capnp-kit/runtime';
import { decodeUtf8 } from '@capnp-kit/wire';
import * as capnpEs from 'capnp-es';
import protobuf from 'protobufjs';

const repo = join(import.meta.dirname, '../..');
const generated = join(import.meta.dirname, '../.generated');
const PEOPLE = 1000;
const PHONES = 3;
const TYPES = ['mobile', 'home', 'work'] as const;

/** The benchmark's data: 1000 people with 3 phones each, half of them at school. */
interface Person {
  id: number;
  name: string;
  email: string;
  phones: { number: string; type: (typeof TYPES)[number] }[];
  school: string | undefined;
}
const data: Person[] = Array.from({ length: PEOPLE }, (_, i) => ({
  id: i,
  name: `Person ${i}`,
  email: `person${i}@example.com`,
  phones: Array.from({ length: PHONES }, (_, j) => ({
    number: `555-${1000 + i}-${j}`,
    type: TYPES[j] as (typeof TYPES)[number],
  })),
  school: i % 2 ? 'MIT' : undefined,
}));

// biome-ignore lint/suspicious/noExplicitAny: dynamically loaded types
type Any = any;

/** capnp-es's generated code for the quickstart schema, made by running its plugin through our compiler. */
async function capnpEsSchema(): Promise<Any> {
  mkdirSync(generated, { recursive: true });
  copyFileSync(
    join(repo, 'examples/quickstart/addressbook.capnp'),
    join(generated, 'addressbook.capnp'),
  );
  const plugin = join(import.meta.dirname, '../node_modules/capnp-es/dist/compiler/capnpc-js.mjs');
  execFileSync(
    process.execPath,
    [join(repo, 'packages/cli/bin/capnp-kit.js'), 'compile', `-o${plugin}`, 'addressbook.capnp'],
    {
      cwd: generated,
      stdio: 'ignore',
    },
  );
  return import(pathToFileURL(join(generated, 'addressbook.js')).href);
}

const PROTO = `
syntax = "proto3";
message Person {
  uint32 id = 1; string name = 2; string email = 3;
  message PhoneNumber { string number = 1; Type type = 2; enum Type { MOBILE = 0; HOME = 1; WORK = 2; } }
  repeated PhoneNumber phones = 4;
  oneof employment { bool unemployed = 5; string employer = 6; string school = 7; bool selfEmployed = 8; }
}
message AddressBook { repeated Person people = 1; }`;

/**
 * A minimal hand-written reader of exactly this message (one segment, offsets written out),
 * the floor any generic reader is measured against. It decodes text with the same routine as
 * capnp-kit, so the comparison measures accessor overhead, not string building.
 */
function handWrittenRead(buf: Uint8Array): number {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const text = (at: number): string => {
    const lo = view.getUint32(at, true);
    if (lo === 0) return '';
    const start = at + 8 + (lo >> 2) * 8;
    return decodeUtf8(buf, start, (view.getUint32(at + 4, true) >>> 3) - 1);
  };
  const base = 8; // one-segment table
  const root = base + 8 + (view.getUint32(base, true) >> 2) * 8;
  const rootData = (view.getUint32(base + 4, true) & 0xffff) * 8;
  const people = root + rootData;
  const tag = people + 8 + (view.getUint32(people, true) >> 2) * 8;
  const count = view.getUint32(tag, true) >>> 2;
  const dw = (view.getUint32(tag + 4, true) & 0xffff) * 8;
  const step = dw + (view.getUint32(tag + 4, true) >>> 16) * 8;
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const e = tag + 8 + i * step;
    const p = e + dw;
    sum += view.getUint32(e, true) + text(p).length + text(p + 8).length;
    const phones = p + 16;
    const ptag = phones + 8 + (view.getUint32(phones, true) >> 2) * 8;
    const pcount = view.getUint32(ptag, true) >>> 2;
    const pdw = (view.getUint32(ptag + 4, true) & 0xffff) * 8;
    const pstep = pdw + (view.getUint32(ptag + 4, true) >>> 16) * 8;
    for (let j = 0; j < pcount; j++) {
      const pe = ptag + 8 + j * pstep;
      sum += text(pe + pdw).length + (TYPES[view.getUint16(pe, true)] as string).length;
    }
    if (view.getUint16(e + 4, true) === 2) sum += text(p + 24).length;
  }
  return sum;
}

/**
 * The measured functions of the runtime benchmark, set up once per process: the benchmark times
 * each in a process of its own (bench/lib/isolated.ts), so libraries do not share a heap, a
 * garbage collector or JIT feedback while measured.
 */
export async function setup(): Promise<Record<string, () => unknown>> {
  const ab: Any = capnp.load(join(repo, 'examples/quickstart/addressbook.capnp'));
  const es = await capnpEsSchema();
  const pb = protobuf.parse(PROTO).root;
  const PbBook = pb.lookupType('AddressBook');

  const encodeOurs = (): Uint8Array => {
    const book = ab.AddressBook.newMessage();
    const people = book.init('people', PEOPLE);
    for (let i = 0; i < PEOPLE; i++) {
      const d = data[i] as Person;
      const p = people.get(i);
      p.id = d.id;
      p.name = d.name;
      p.email = d.email;
      const phones = p.init('phones', PHONES);
      for (let j = 0; j < PHONES; j++) {
        const ph = phones.get(j);
        const pd = d.phones[j] as Person['phones'][number];
        ph.number = pd.number;
        ph.type = pd.type;
      }
      if (d.school !== undefined) p.employment.school = d.school;
      else p.employment.unemployed = null;
    }
    return book.toBytes();
  };
  // The same book as a plain object, encoded in one call: the like-for-like of protobufjs.
  const plainBook = {
    people: data.map((d) => ({
      id: d.id,
      name: d.name,
      email: d.email,
      phones: d.phones,
      employment: d.school !== undefined ? { school: d.school } : { unemployed: null },
    })),
  };
  const encodeOursPlain = (): Uint8Array => ab.AddressBook.newMessage(plainBook).toBytes();
  const ES_TYPES = { mobile: 0, home: 1, work: 2 } as const;
  const encodeEs = (): ArrayBuffer => {
    const message = new capnpEs.Message();
    const book: Any = message.initRoot(es.AddressBook);
    const people = book._initPeople(PEOPLE);
    for (let i = 0; i < PEOPLE; i++) {
      const d = data[i] as Person;
      const p = people.get(i);
      p.id = d.id;
      p.name = d.name;
      p.email = d.email;
      const phones = p._initPhones(PHONES);
      for (let j = 0; j < PHONES; j++) {
        const ph = phones.get(j);
        const pd = d.phones[j] as Person['phones'][number];
        ph.number = pd.number;
        ph.type = ES_TYPES[pd.type];
      }
      if (d.school !== undefined) p.employment.school = d.school;
      else p.employment.unemployed = true;
    }
    return message.toArrayBuffer();
  };
  const pbData = {
    people: data.map((d) => ({
      id: d.id,
      name: d.name,
      email: d.email,
      phones: d.phones.map((ph) => ({ number: ph.number, type: TYPES.indexOf(ph.type) })),
      ...(d.school !== undefined ? { school: d.school } : { unemployed: true }),
    })),
  };
  const encodePb = (): Uint8Array => PbBook.encode(pbData as Any).finish();

  // One single-segment message read by every Cap'n Proto reader (the hand-written one needs it).
  const single: Uint8Array = ab.AddressBook.newMessage(ab.AddressBook.fromBytes(encodeOurs()), {
    firstSegmentWords: 1 << 16,
  }).toBytes();
  const readOurs = (): number => {
    const book = ab.AddressBook.fromBytes(single);
    let sum = 0;
    const people = book.people;
    for (let i = 0; i < people.length; i++) {
      const p = people.get(i);
      sum += p.id + p.name.length + p.email.length;
      const phones = p.phones;
      for (let j = 0; j < phones.length; j++) {
        const ph = phones.get(j);
        sum += ph.number.length + ph.type.length;
      }
      const e = p.employment;
      if (e.which() === 'school') sum += e.school.length;
    }
    return sum;
  };
  const ES_NAMES = ['mobile', 'home', 'work'];
  const readEs = (): number => {
    const message = new capnpEs.Message(single, false);
    const book: Any = message.getRoot(es.AddressBook);
    let sum = 0;
    const people = book.people;
    for (let i = 0; i < people.length; i++) {
      const p = people.get(i);
      sum += p.id + p.name.length + p.email.length;
      const phones = p.phones;
      for (let j = 0; j < phones.length; j++) {
        const ph = phones.get(j);
        sum += ph.number.length + (ES_NAMES[ph.type] as string).length;
      }
      const e = p.employment;
      if (e._isSchool) sum += e.school.length;
    }
    return sum;
  };
  const pbBytes = encodePb();
  const PB_NAMES = ['mobile', 'home', 'work'];
  const readPb = (): number => {
    const book = PbBook.decode(pbBytes) as Any;
    let sum = 0;
    for (const p of book.people) {
      sum += p.id + p.name.length + p.email.length;
      for (const ph of p.phones) sum += ph.number.length + (PB_NAMES[ph.type] as string).length;
      if (p.employment === 'school') sum += p.school.length;
    }
    return sum;
  };
  const same = JSON.stringify(ab.AddressBook.fromBytes(encodeOursPlain()).toObject());
  if (same !== JSON.stringify(ab.AddressBook.fromBytes(encodeOurs()).toObject()))
    throw new Error('the two capnp-kit encoders disagree');
  const check = [readOurs(), readEs(), handWrittenRead(single), readPb()];
  if (new Set(check).size !== 1) throw new Error(`readers disagree: ${check.join(', ')}`);

  // Small messages: each person as a message of its own (a Person root), as RPC calls and most
  // application messages are, so that what every message costs shows, not what a field costs.
  const PbPerson = pb.lookupType('Person');
  const smallPlain = plainBook.people;
  const smallPbData = pbData.people;
  const smallEncodeOurs = (): number => {
    let n = 0;
    for (const p of smallPlain) n += ab.Person.newMessage(p).toBytes().length;
    return n;
  };
  const smallEncodePb = (): number => {
    let n = 0;
    for (const p of smallPbData) n += PbPerson.encode(p as Any).finish().length;
    return n;
  };
  const smallEncodeEs = (): number => {
    let n = 0;
    for (const d of data) {
      const message = new capnpEs.Message();
      const p: Any = message.initRoot(es.Person);
      p.id = d.id;
      p.name = d.name;
      p.email = d.email;
      const phones = p._initPhones(PHONES);
      d.phones.forEach((pd, j) => {
        const ph = phones.get(j);
        ph.number = pd.number;
        ph.type = ES_TYPES[pd.type];
      });
      if (d.school !== undefined) p.employment.school = d.school;
      else p.employment.unemployed = true;
      n += message.toArrayBuffer().byteLength;
    }
    return n;
  };
  const smallOurs = smallPlain.map((p) => ab.Person.newMessage(p).toBytes() as Uint8Array);
  const smallPb = smallPbData.map((p) => PbPerson.encode(p as Any).finish());
  // Every field of each small message, read as the book readers read a person.
  const smallReadOurs = (): number => {
    let sum = 0;
    for (const bytes of smallOurs) {
      const p = ab.Person.fromBytes(bytes);
      sum += p.id + p.name.length + p.email.length;
      for (const ph of p.phones) sum += ph.number.length + ph.type.length;
      if (p.employment.which() === 'school') sum += p.employment.school.length;
    }
    return sum;
  };
  const smallReadEs = (): number => {
    let sum = 0;
    for (const bytes of smallOurs) {
      const p: Any = new capnpEs.Message(bytes, false).getRoot(es.Person);
      sum += p.id + p.name.length + p.email.length;
      for (const ph of p.phones) sum += ph.number.length + (ES_NAMES[ph.type] as string).length;
      if (p.employment._isSchool) sum += p.employment.school.length;
    }
    return sum;
  };
  const smallReadPb = (): number => {
    let sum = 0;
    for (const bytes of smallPb) {
      const p = PbPerson.decode(bytes) as Any;
      sum += p.id + p.name.length + p.email.length;
      for (const ph of p.phones) sum += ph.number.length + (PB_NAMES[ph.type] as string).length;
      if (p.employment === 'school') sum += p.school.length;
    }
    return sum;
  };
  const smallCheck = [smallReadOurs(), smallReadEs(), smallReadPb(), check[0]];
  if (new Set(smallCheck).size !== 1)
    throw new Error(`small-message readers disagree: ${smallCheck.join(', ')}`);
  const esBytes = smallEncodeEs();
  if (esBytes !== smallEncodeOurs()) throw new Error(`capnp-es and capnp-kit sizes differ`);

  return {
    'encode:plain': encodeOursPlain,
    'encode:fields': encodeOurs,
    'encode:es': encodeEs,
    'encode:pb': encodePb,
    'read:ours': readOurs,
    'read:hand': () => handWrittenRead(single),
    'read:es': readEs,
    'read:pb': readPb,
    'small:encode:ours': smallEncodeOurs,
    'small:encode:es': smallEncodeEs,
    'small:encode:pb': smallEncodePb,
    'small:read:ours': smallReadOurs,
    'small:read:es': smallReadEs,
    'small:read:pb': smallReadPb,
  };
}
