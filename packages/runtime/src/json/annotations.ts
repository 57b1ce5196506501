import type { Annotation, Brand, Value } from '@capnp-kit/compiler/schema';
import { MessageReader, type Segment } from '@capnp-kit/wire';
import { CapnpError } from '../errors.js';
import { feature } from '../features.js';
import type { FieldInfo, StructInfo } from '../struct-info.js';
import { bytesToBinary } from '../text/binary-string.js';
import { readTextBytes } from '../text/struct-fields.js';

/**
 * What the annotations of compat/json.capnp say about each struct and enum, resolved once per
 * type, as the reference's `JsonCodec::handleByAnnotation()` resolves them (json.c++'s
 * AnnotatedHandler): `$Json.name` renames fields, groups and enumerants; `$Json.flatten` merges
 * a struct or group's fields into its parent (with a prefix); `$Json.discriminator` names the
 * union's member in a separate tag field (and can put the value under one fixed name);
 * `$Json.base64` and `$Json.hex` write Data as a string. `capnp convert` always applies them.
 */

export const JSON_NAME = 0xfa5b1fd61c2e7c3dn;
export const JSON_FLATTEN = 0x82d3e852af0336bfn;
export const JSON_DISCRIMINATOR = 0xcfa794e8d19a0162n;
export const JSON_BASE64 = 0xd7d879450a253e4bn;
export const JSON_HEX = 0xf061e22f0ae5c7b5n;
/** json.capnp's `Value`: fields of this type hold raw JSON. */
export const JSON_VALUE = 0xa3fa7845f919dd83n;

/** json.capnp's DiscriminatorOptions: `name` and `valueName`, each null when not given. */
interface Discriminator {
  readonly name: string | null;
  readonly valueName: string | null;
}

/** How one field is written: its JSON name, and what its annotations change. */
export interface FieldJson {
  readonly field: FieldInfo;
  /** The name it is written under (a union member's is `valueName` when the union has one). */
  readonly name: string;
  /** The union tag value naming this member (its `$Json.name` or its own name). */
  readonly nameForDiscriminant: string;
  /** The struct or group whose fields are written in place of this one. */
  readonly flatten: StructJson | undefined;
  readonly prefix: string;
  /** Data written as a base64 or hex string. */
  readonly encoding: 'base64' | 'hex' | undefined;
}

/** What a JSON member name means when decoding (json.c++'s FieldNameInfo). */
export interface NameInfo {
  readonly kind: 'normal' | 'flattened' | 'union-tag' | 'flattened-from-union' | 'union-value';
  /** The field (normal, flattened). */
  readonly index: number;
  /** Bytes of prefix to strip before handing the name to the flattened struct. */
  readonly prefixLength: number;
}

/** The JSON shape of one struct or group type. */
export interface StructJson {
  readonly info: StructInfo;
  readonly fields: readonly FieldJson[];
  readonly byName: ReadonlyMap<string, NameInfo>;
  /** Union members by tag value (with a discriminator). */
  readonly tagValues: ReadonlyMap<string, FieldInfo>;
  readonly tagName: string | undefined;
}

/** An enum's JSON names: by ordinal, ordinals by JSON name, JSON names by schema name. */
export interface EnumJson {
  readonly names: readonly string[];
  readonly ordinals: ReadonlyMap<string, number>;
  readonly bySchemaName: ReadonlyMap<string, string>;
}

const UNLIMITED = {
  traversalLimitInWords: Number.POSITIVE_INFINITY,
  nestingLimit: Number.POSITIVE_INFINITY,
};

function find(annotations: readonly Annotation[] | null, id: bigint): Annotation | undefined {
  return annotations?.find((a) => a.id === id);
}

function textValue(v: Value): string {
  return v.which === 'text' && v.value !== null ? bytesToBinary(v.value) : '';
}

/** Text field `index` of a struct-valued annotation (null when not set). */
function structText(v: Value, index: number): string | null {
  if (v.which !== 'struct' || v.value === null) return null;
  const m = MessageReader.fromSegments([v.value], UNLIMITED);
  const root = m.root();
  if (root === null || index >= root.pointerCount) return null;
  const bytes = readTextBytes(m, root.segment as Segment, root.pointerByte + index * 8);
  return bytes === null ? null : bytesToBinary(bytes);
}

function discriminator(a: Annotation | undefined): Discriminator | undefined {
  if (a === undefined) return undefined;
  return { name: structText(a.value, 0), valueName: structText(a.value, 1) };
}

/**
 * The JSON tables of every type reachable from one root type, built as the reference builds
 * them for one conversion (a group's tables depend on the field that holds it).
 */
export class JsonSchema {
  readonly #structs = new Map<StructInfo, StructJson | null>();
  readonly #enums = new Map<bigint, EnumJson>();

  /** The tables of a struct or group type (built with no discriminator if not built yet). */
  struct(info: StructInfo): StructJson {
    return this.#load(info, undefined, undefined);
  }

  /** The JSON names of an enum. */
  enumNames(id: bigint): EnumJson {
    let e = this.#enums.get(id);
    if (e === undefined) {
      const node = feature('registry')().node(id);
      const enumerants = node.which === 'enum' ? node.enum.enumerants : [];
      const names = enumerants.map((x) => {
        const renamed = find(x.annotations, JSON_NAME);
        return renamed === undefined ? x.name : textValue(renamed.value);
      });
      e = {
        names,
        ordinals: new Map(names.map((n, i) => [n, i])),
        bySchemaName: new Map(enumerants.map((x, i) => [x.name, names[i] as string])),
      };
      this.#enums.set(id, e);
    }
    return e;
  }

  #load(
    info: StructInfo,
    given: Discriminator | undefined,
    unionDeclName: string | undefined,
  ): StructJson {
    const known = this.#structs.get(info);
    if (known === null) {
      throw new CapnpError(
        'schema',
        `Cyclic JSON flattening detected at ${info.node.displayName}.`,
      );
    }
    if (known !== undefined) return known;
    this.#structs.set(info, null);
    const built = this.#build(info, given, unionDeclName);
    this.#structs.set(info, built);
    return built;
  }

  #classesInfo(id: bigint, brand: Brand | null): StructInfo {
    return feature('registry')().structClasses(id, brand).meta.info;
  }

  #build(
    info: StructInfo,
    given: Discriminator | undefined,
    unionDeclName: string | undefined,
  ): StructJson {
    const typeName = info.node.displayName;
    // A named union's discriminator comes from its field; an unnamed union's from the struct.
    const d = given ?? discriminator(find(info.node.annotations, JSON_DISCRIMINATOR));
    const byName = new Map<string, NameInfo>();
    const tagValues = new Map<string, FieldInfo>();
    const insert = (name: string, v: NameInfo) => {
      if (byName.has(name)) {
        throw new CapnpError(
          'schema',
          `${typeName}: two members are both named '${name}' in JSON.`,
        );
      }
      byName.set(name, v);
    };
    let tagName: string | undefined;
    if (d !== undefined) {
      tagName = d.name ?? unionDeclName;
      if (tagName !== undefined) insert(tagName, { kind: 'union-tag', index: 0, prefixLength: 0 });
      if (d.valueName !== null) {
        insert(d.valueName, { kind: 'union-value', index: 0, prefixLength: 0 });
      }
    }
    const fields = info.fields.map((f, index): FieldJson => {
      const annotations = f.field.annotations;
      let name = f.name;
      let flattened = false;
      let prefix = '';
      let sub: Discriminator | undefined;
      let encoding: 'base64' | 'hex' | undefined;
      const isStruct = f.field.which === 'group' || f.type?.which === 'struct';
      for (const a of annotations ?? []) {
        switch (a.id) {
          case JSON_NAME:
            name = textValue(a.value);
            break;
          case JSON_FLATTEN:
            if (!isStruct) {
              throw new CapnpError(
                'schema',
                `${typeName}.${f.name}: only struct types can be flattened.`,
              );
            }
            flattened = true;
            prefix = structText(a.value, 0) ?? '';
            break;
          case JSON_DISCRIMINATOR:
            if (f.field.which !== 'group') {
              throw new CapnpError(
                'schema',
                `${typeName}.${f.name}: only unions can have a discriminator.`,
              );
            }
            sub = discriminator(a);
            break;
          case JSON_BASE64:
          case JSON_HEX:
            if (f.type?.which !== 'data') {
              throw new CapnpError(
                'schema',
                `${typeName}.${f.name}: only Data can be marked for ${a.id === JSON_HEX ? 'hex' : 'base64'} encoding.`,
              );
            }
            encoding = a.id === JSON_HEX ? 'hex' : 'base64';
            break;
        }
      }
      let flatten: StructJson | undefined;
      if (f.field.which === 'group') {
        // Loaded now, flattened or not, so that it gets the field's discriminator.
        const group = this.#load(
          this.#classesInfo(f.field.group.typeId, info.brand),
          sub,
          flattened ? f.name : undefined,
        );
        if (flattened) flatten = group;
      } else if (flattened && f.type?.which === 'struct') {
        flatten = this.#load(this.#classesInfo(f.type.typeId, f.type.brand), undefined, undefined);
      }
      if (flatten !== undefined) {
        const kind = f.inUnion ? 'flattened-from-union' : 'flattened';
        for (const key of flatten.byName.keys()) {
          const full = `${prefix}${key}`;
          const existing = byName.get(full);
          if (
            existing !== undefined &&
            !(existing.kind === 'flattened-from-union' && kind === 'flattened-from-union')
          ) {
            throw new CapnpError(
              'schema',
              `${typeName}: flattened members have the same name '${full}' and are not mutually exclusive.`,
            );
          }
          byName.set(full, { kind, index, prefixLength: prefix.length });
        }
      }
      const nameForDiscriminant = name;
      if (!flattened) {
        if (f.inUnion && d?.valueName != null) name = d.valueName;
        else insert(name, { kind: 'normal', index, prefixLength: 0 });
      }
      if (f.inUnion) tagValues.set(nameForDiscriminant, f);
      return { field: f, name, nameForDiscriminant, flatten, prefix, encoding };
    });
    return { info, fields, byName, tagValues, tagName };
  }
}

/** The JSON tables for conversions rooted at `info`, cached per root type. */
export function jsonSchemaFor(info: StructInfo): JsonSchema {
  let s = cache.get(info);
  if (s === undefined) {
    s = new JsonSchema();
    s.struct(info);
    cache.set(info, s);
  }
  return s;
}

const cache = new WeakMap<StructInfo, JsonSchema>();
