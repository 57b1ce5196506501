import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LoadedModule, loadSource, type StructType } from '@capnp-kit/runtime';
import { DEFAULT_MESSAGE } from '../src/messages/default-message.js';

/** The quickstart's schema text. */
export const ADDRESSBOOK = readFileSync(
  join(import.meta.dirname, '../../examples/quickstart/addressbook.capnp'),
  'utf8',
);

/** The quickstart's schema, loaded from source as the playground's worker path does. */
export const ab: LoadedModule = loadSource(
  { 'addressbook.capnp': ADDRESSBOOK },
  'addressbook.capnp',
);

export const AddressBook = ab.AddressBook as StructType;
export const Person = ab.Person as StructType;

/** The playground's default message, parsed. */
export const BOOK = JSON.parse(DEFAULT_MESSAGE) as {
  people: { id: number; name: string; email: string; phones: { number: string; type: string }[] }[];
};
