import { loadSource, type StructBuilder, type StructType } from '@capnp-kit/runtime';
import { describe, expect, it } from 'vitest';
import { dumpMessage } from '../src/layout/layout-dump.js';
import { indexModule } from '../src/schema/schema-index.js';
import { AddressBook, ab, BOOK, Person } from './addressbook.js';

const index = indexModule(ab);
const schema = { root: AddressBook.schema.node, lookup: index.lookup };
const person = Person.schema.node;
if (person.which !== 'struct') throw new Error('Person is a struct');

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function words(...values: [number, number][]): Uint8Array {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach(([a, b], i) => {
    view.setUint32(i * 8, a, true);
    view.setUint32(i * 8 + 4, b, true);
  });
  return bytes;
}

describe('dumpMessage', () => {
  const bytes = (AddressBook.fromJSON(BOOK) as unknown as StructBuilder).toBytes();
  const dump = dumpMessage(bytes, schema);
  const notes = dump.rows.map((r) => r.note);

  it('covers every byte once, in order', () => {
    expect(dump.problems).toEqual([]);
    expect(concat(dump.rows.map((r) => r.bytes))).toEqual(bytes);
    expect(dump.rows.map((r) => r.offset)).toEqual(dump.rows.map((_, i) => i * 8));
  });

  it('reads the segment table', () => {
    const segmentWords = (bytes.length - 8) / 8;
    expect(dump.segmentWords).toEqual([segmentWords]);
    expect(dump.rows[0]).toMatchObject({
      kind: 'table',
      note: `1 segment · segment 0: ${segmentWords} words`,
    });
  });

  it('decodes the root pointer and the composite list with the schema sizes', () => {
    expect(dump.rows[1]).toMatchObject({
      where: '0:0',
      kind: 'pointer',
      note: 'root: struct pointer +0 → 0:1 (0 data words, 1 pointer)',
    });
    const tag = dump.rows.find((r) => r.kind === 'tag');
    expect(tag?.note).toBe(
      `people: tag, 2 elements × (${person.struct.dataWordCount} data word, ${person.struct.pointerCount} pointers)`,
    );
  });

  it('names fields, shows their values and the active union member', () => {
    BOOK.people.forEach((p, i) => {
      expect(notes).toContainEqual(expect.stringContaining(`people[${i}].name: Text "${p.name}"`));
      expect(notes).toContainEqual(
        expect.stringContaining(`people[${i}].email: Text "${p.email}"`),
      );
      expect(notes).toContainEqual(
        expect.stringContaining(`people[${i}] (Person) data word 0: id = ${p.id}`),
      );
      p.phones.forEach((phone, j) => {
        expect(notes).toContainEqual(
          expect.stringContaining(
            `people[${i}].phones[${j}] (PhoneNumber) data word 0: type = ${phone.type}`,
          ),
        );
      });
    });
    expect(notes).toContainEqual(
      expect.stringMatching(/^people\[0\] \(Person\).*employment: school/),
    );
    expect(notes).toContainEqual(
      expect.stringMatching(/^people\[1\] \(Person\).*employment: unemployed/),
    );
    expect(notes).toContainEqual(
      expect.stringContaining('people[0].employment.school: Text "MIT"'),
    );
    // Bob is unemployed: his employment pointer slot is shown as a null pointer, not as "school".
    expect(notes.some((n) => n.startsWith('people[1].employment.school'))).toBe(false);
  });

  it('leaves no word of a freshly built message unexplained', () => {
    expect(dump.rows.filter((r) => r.kind === 'unused')).toEqual([]);
  });

  it('follows far pointers across segments', () => {
    const split = (
      AddressBook.newMessage(BOOK as never, {
        firstSegmentWords: 3,
        growHeuristically: false,
      }) as unknown as StructBuilder
    ).toBytes();
    const farDump = dumpMessage(split, schema);
    expect(farDump.problems).toEqual([]);
    expect(farDump.segmentWords.length).toBeGreaterThan(1);
    expect(farDump.rows.some((r) => r.kind === 'far')).toBe(true);
    const farNotes = farDump.rows.map((r) => r.note);
    for (const p of BOOK.people) {
      expect(farNotes).toContainEqual(expect.stringContaining(`Text "${p.name}"`));
      for (const phone of p.phones)
        expect(farNotes).toContainEqual(expect.stringContaining(`"${phone.number}"`));
    }
    expect(farNotes.filter((n) => n.startsWith('unreachable'))).toEqual([]);
  });

  it('follows a double-far pointer to its landing pad and tag', () => {
    const s = loadSource(
      { 's.capnp': '@0xd1b1a3f6f4e2c7a1;\nstruct S { v @0 :UInt64; }\n' },
      's.capnp',
    ).S as StructType;
    const message = concat([
      words([2, 1], [2, 1]), // three segments: 1, 2 and 1 words
      words([(0 << 3) | (1 << 2) | 2, 1]), // root: double-far to segment 1, word 0
      words([(0 << 3) | 2, 2], [0, 1]), // landing pad: far to segment 2 word 0; tag: struct, 1 data word
      words([42, 0]), // the struct's data
    ]);
    expect((s.fromBytes(message) as unknown as { v: bigint }).v).toBe(42n);
    const node = s.schema.node;
    const d = dumpMessage(message, { root: node, lookup: () => undefined });
    expect(d.problems).toEqual([]);
    expect(d.rows.map((r) => [r.where, r.kind])).toEqual([
      ['table', 'table'],
      ['table', 'table'],
      ['0:0', 'far'],
      ['1:0', 'far'],
      ['1:1', 'tag'],
      ['2:0', 'data'],
    ]);
    expect(d.rows[2]?.note).toBe('root: double-far pointer → landing pad at 1:0');
    expect(d.rows[5]?.note).toBe('root (S) data word 0: v = 42');
  });

  it('annotates without a schema', () => {
    const plain = dumpMessage(bytes);
    expect(plain.problems).toEqual([]);
    expect(plain.rows[1]?.note).toBe('root: struct pointer +0 → 0:1 (0 data words, 1 pointer)');
    expect(
      plain.rows.some((r) => r.note.startsWith('root.ptr[0]: list pointer +0 → 0:2 (composite')),
    ).toBe(true);
  });

  const hostile: { name: string; input: Uint8Array; want: RegExp }[] = [
    { name: 'empty input', input: new Uint8Array(0), want: /needs at least 8/ },
    { name: 'truncated table', input: new Uint8Array(5), want: /needs at least 8/ },
    { name: 'segment larger than the input', input: words([0, 9], [0, 0]), want: /claims 9 words/ },
    { name: 'absurd segment count', input: words([0xffff, 1]), want: /claims 65536 segments/ },
    {
      name: 'struct out of bounds',
      input: concat([words([0, 1]), words([(5 << 2) | 0, 1])]),
      want: /out of bounds/,
    },
    {
      // A pointer list whose only element is the list pointer itself.
      name: 'pointer loop',
      input: concat([words([0, 2]), words([0, 1 << 16], [((-1 << 2) | 1) >>> 0, (1 << 3) | 6])]),
      want: /too deeply/,
    },
    {
      name: 'far pointer to a missing segment',
      input: concat([words([0, 1]), words([2, 7])]),
      want: /far pointer to 7:0 is out of bounds/,
    },
    {
      name: 'bytes after the message',
      input: concat([words([0, 1]), words([0, 0], [1, 1])]),
      want: /follow the message/,
    },
  ];
  for (const { name, input, want } of hostile) {
    it(`reports ${name} as a problem`, () => {
      const d = dumpMessage(input, schema);
      expect(d.problems.join('\n')).toMatch(want);
    });
  }
});
