import type { StructReader } from '@capnp-kit/runtime';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MESSAGE } from '../src/messages/default-message.js';
import { decodeFile, encodeJson } from '../src/messages/encodings.js';
import { unknownFields } from '../src/messages/unknown-fields.js';
import { indexModule } from '../src/schema/schema-index.js';
import { AddressBook, ab, BOOK } from './addressbook.js';

describe('encodeJson and decodeFile', () => {
  const encoded = encodeJson(AddressBook, DEFAULT_MESSAGE);

  it('encodes the message editor text in every form', () => {
    const reader = AddressBook.fromBytes(encoded.flat) as unknown as StructReader;
    expect(reader.toJSON()).toEqual(BOOK);
    expect(encoded.text).toBe(reader.toString());
    expect(AddressBook.fromBytesPacked(encoded.packed).toJSON()).toEqual(BOOK);
    expect(encoded.packed.length).toBeLessThan(encoded.flat.length);
  });

  const files: { name: string; bytes: () => Uint8Array; packed: boolean }[] = [
    { name: 'book.bin', bytes: () => encoded.flat, packed: false },
    { name: 'book.packed', bytes: () => encoded.packed, packed: true },
    // Packed bytes under a neutral name: flat reading fails, packed is tried next.
    { name: 'book.dat', bytes: () => encoded.packed, packed: true },
  ];
  for (const file of files) {
    it(`reads ${file.name}`, () => {
      const decoded = decodeFile(AddressBook, file.name, file.bytes());
      expect(JSON.parse(decoded.json)).toEqual(BOOK);
      expect(decoded.flat).toEqual(encoded.flat);
      expect(decoded.packed).toEqual(encoded.packed);
      expect(decoded.text).toBe(encoded.text);
      if (!file.packed) expect(decoded.flat).toBe(file.bytes());
    });
  }

  it('rejects bytes that are no message, flat or packed, with the flat error', () => {
    expect(() =>
      decodeFile(AddressBook, 'junk.bin', new Uint8Array([0xff, 0xff, 0xff, 0xff, 1, 2, 3, 4])),
    ).toThrow(expect.objectContaining({ code: expect.any(String) }));
  });

  it('reports bad JSON and unknown fields with typed errors', () => {
    expect(() => encodeJson(AddressBook, '{"people": [')).toThrow(
      expect.objectContaining({ code: expect.any(String) }),
    );
    expect(() => encodeJson(AddressBook, '{"people": [{"id": -1}]}')).toThrow(
      expect.objectContaining({ code: expect.any(String) }),
    );
  });

  it('finds keys that name no field, at any depth', () => {
    const json = {
      peeple: [],
      people: [{ nmae: 'x', employment: { scool: 'MIT' }, phones: [{ tpye: 'home' }] }],
    };
    expect(unknownFields(json, AddressBook.schema.node, indexModule(ab).lookup)).toEqual([
      'peeple',
      'people[0].nmae',
      'people[0].employment.scool',
      'people[0].phones[0].tpye',
    ]);
    expect(unknownFields(BOOK, AddressBook.schema.node, indexModule(ab).lookup)).toEqual([]);
  });
});
