import { join } from 'node:path';
import { type EnumType, load, type StructType } from '@capnp-kit/runtime';

/** The repository's root (fuzz/src/targets/ is three levels down). */
export const REPO = join(import.meta.dirname, '../../..');

/**
 * Schemas whose messages the decode, text and JSON campaigns read: the quickstart's address
 * book, the runtime's conformance schema (every type, every default, unions, groups, generics,
 * AnyPointer), the text/JSON fixtures (a capability field, json.capnp annotations) and compiler
 * corpus files with other shapes (nested generics, interfaces with param structs).
 */
export const MESSAGE_SCHEMAS = [
  'examples/quickstart/addressbook.capnp',
  'packages/runtime/test/fixtures/conformance/conformance.capnp',
  'packages/runtime/test/fixtures/text-json/all-types.capnp',
  'packages/runtime/test/fixtures/text-json/json-annotations.capnp',
  'packages/compiler/test/corpus/types.capnp',
  'packages/compiler/test/corpus/unions.capnp',
  'packages/compiler/test/corpus/generics.capnp',
  'packages/compiler/test/corpus/interfaces.capnp',
] as const;

/** A struct type of one of {@link MESSAGE_SCHEMAS}, with its qualified name. */
export interface MessageType {
  /** `file.capnp:Outer.Inner`. */
  readonly name: string;
  readonly type: StructType;
}

interface Loaded {
  readonly types: MessageType[];
  readonly structsById: Map<bigint, StructType>;
  readonly enumsById: Map<bigint, EnumType>;
}

let loaded: Loaded | undefined;

function loadAll(): Loaded {
  if (loaded !== undefined) return loaded;
  const result: Loaded = { types: [], structsById: new Map(), enumsById: new Map() };
  for (const file of MESSAGE_SCHEMAS) {
    const module = load(join(REPO, file)) as Record<string, unknown>;
    collect(module, `${file.slice(file.lastIndexOf('/') + 1)}:`, result);
  }
  loaded = result;
  return result;
}

/**
 * Every struct type declared in {@link MESSAGE_SCHEMAS} (nested ones too), in a fixed order:
 * inputs select their type by index into this list.
 */
export function messageTypes(): readonly MessageType[] {
  return loadAll().types;
}

/** The struct type (unbranded) with schema node `id`, if one of the schemas declares it. */
export function structById(id: bigint): StructType | undefined {
  return loadAll().structsById.get(id);
}

/** The enum with schema node `id`, if one of the schemas declares it. */
export function enumById(id: bigint): EnumType | undefined {
  return loadAll().enumsById.get(id);
}

/** The index in {@link messageTypes} of the type named `name` (`file.capnp:Name`). */
export function typeIndex(name: string): number {
  const i = messageTypes().findIndex((t) => t.name === name);
  if (i < 0) throw new Error(`no message type ${name}`);
  return i;
}

function isStructType(v: unknown): v is StructType {
  return (
    typeof v === 'function' && (v as unknown as Partial<StructType>).schema?.which === 'struct'
  );
}

function isEnumType(v: unknown): v is EnumType {
  return typeof v === 'object' && v !== null && (v as Partial<EnumType>).schema?.which === 'enum';
}

function collect(scope: Record<string, unknown>, prefix: string, out: Loaded): void {
  for (const key of Object.keys(scope)) {
    const v = scope[key];
    if (isEnumType(v)) out.enumsById.set(v.schema.id, v);
    if (typeof v !== 'function') continue;
    const name = `${prefix}${key}`;
    if (isStructType(v)) {
      out.types.push({ name, type: v });
      out.structsById.set(v.schema.id, v);
    }
    collect(v as unknown as Record<string, unknown>, `${name}.`, out);
  }
}
