import {
  type Brand,
  type Node,
  substitute,
  type Type,
  type Value,
} from '@capnp-kit/compiler/schema';
import { MessageReader, type Segment, UNLIMITED_NESTING } from '@capnp-kit/wire';
import { AnyPointerReader } from './any-pointer.js';
import { CapnpError } from './errors.js';
import { type DeclarationSchema, type EnumSchema, Reflection } from './reflection.js';
import { type Registry, typeKey } from './registry.js';
import { interfaceObject } from './rpc/cap-codec.js';
import { makeStructType, type StructType } from './struct-type.js';
import type { TypeToken } from './type-token.js';
import { decodeUtf8 } from './value-bytes.js';

/** An enum of a loaded schema: its enumerant names mapped to their ordinals. */
export type EnumType = Readonly<Record<string, number>> &
  TypeToken & { readonly schema: EnumSchema };

/** A loaded schema file: its top-level declarations as properties. */
export type LoadedModule = Readonly<Record<string, unknown>> & {
  readonly schema: DeclarationSchema;
};

// `schema` is made on first use: reflection names every field's type, which costs more than
// loading needs.
// A declaration named `schema` keeps its name; its scope's reflection is then not reachable by
// that name (call this after the nested declarations are attached).
function lazySchema(target: Record<string, unknown>, make: () => unknown): void {
  if (Object.hasOwn(target, 'schema')) return;
  let schema: unknown;
  Object.defineProperty(target, 'schema', {
    get: () => {
      schema ??= make();
      return schema;
    },
  });
}

const UNLIMITED = {
  traversalLimitInWords: Number.POSITIVE_INFINITY,
  nestingLimit: Number.POSITIVE_INFINITY,
};

/**
 * Builds the JavaScript objects for schema nodes: struct types, enums, constants, nested
 * declarations. One object per node and brand, cached (per registry generation) so that the
 * same schema loaded twice gives the same types.
 */
export class TypeObjects {
  #cache = new Map<string, unknown>();
  #generation = -1;

  /** Reflection objects (`schema` properties) of the same nodes. */
  readonly reflection: Reflection;

  constructor(readonly registry: Registry) {
    this.reflection = new Reflection(registry, (a) => {
      const node = registry.has(a.id) ? registry.node(a.id) : undefined;
      return node?.which === 'annotation'
        ? this.constValue(node.annotation.type, a.value, a.brand)
        : undefined;
    });
  }

  #cached<T>(key: string, make: () => T): T {
    if (this.#generation !== this.registry.generation) {
      this.#cache = new Map();
      this.#generation = this.registry.generation;
    }
    if (this.#cache.has(key)) return this.#cache.get(key) as T;
    const value = make();
    this.#cache.set(key, value);
    return value;
  }

  /** The module object of a file node. */
  file(id: bigint): LoadedModule {
    return this.#cached(`file:${id}`, () => {
      const node = this.registry.node(id);
      const module = {} as Record<string, unknown>;
      this.#attachNested(module, node, null);
      lazySchema(module, () => this.reflection.other(node));
      return Object.freeze(module) as LoadedModule;
    });
  }

  /** The object for declaration `id` (with the generic bindings of its scope). */
  declaration(id: bigint, brand: Brand | null): unknown {
    const node = this.registry.node(id);
    switch (node.which) {
      case 'struct':
        return this.structType(id, brand);
      case 'enum':
        return this.enumType(id);
      case 'const':
        return this.#cached(`const:${id}:${typeKey(brand)}`, () =>
          this.constValue(node.const.type, node.const.value, brand),
        );
      default:
        return this.#cached(`other:${id}:${typeKey(brand)}`, () => {
          const object =
            node.which === 'interface'
              ? interfaceObject(this.registry, node, brand, (b) => this.declaration(id, b))
              : ({} as Record<string, unknown>);
          Object.defineProperty(object, '$type', {
            value:
              node.which === 'interface'
                ? { which: 'interface', typeId: id, brand }
                : { which: 'anyPointer', anyPointer: { which: 'unconstrained', kind: 'anyKind' } },
          });
          this.#attachNested(object, node, brand);
          lazySchema(object, () =>
            node.which === 'interface'
              ? this.reflection.interface(node)
              : this.reflection.other(node),
          );
          return Object.freeze(object);
        });
    }
  }

  /** The type object of struct `id` with `brand`. */
  structType(id: bigint, brand: Brand | null): StructType {
    return this.#cached(`struct:${id}:${typeKey(brand)}`, () => {
      const node = this.registry.node(id);
      if (node.which !== 'struct')
        throw new CapnpError('unknown-type', `${node.displayName} is not a struct.`);
      const type = makeStructType(this.registry, node, brand, (params) => {
        const bound: Brand = {
          scopes: [
            {
              scopeId: id,
              which: 'bind',
              bind: params.map((p) => ({ which: 'type' as const, type: p.$type })),
            },
            ...(brand?.scopes ?? []).filter((s) => s.scopeId !== id),
          ],
        };
        return this.structType(id, bound);
      });
      this.#attachNested(type as unknown as Record<string, unknown>, node, brand);
      lazySchema(type as unknown as Record<string, unknown>, () =>
        this.reflection.struct(node, brand),
      );
      return type;
    });
  }

  enumType(id: bigint): EnumType {
    return this.#cached(`enum:${id}`, () => {
      const node = this.registry.node(id);
      if (node.which !== 'enum')
        throw new CapnpError('unknown-type', `${node.displayName} is not an enum.`);
      const object = {} as Record<string, unknown>;
      node.enum.enumerants.forEach((e, i) => {
        object[e.name] = i;
      });
      Object.defineProperty(object, '$type', {
        value: Object.freeze({ which: 'enum', typeId: id, brand: null }),
      });
      this.#attachNested(object, node, null);
      lazySchema(object, () => this.reflection.enum(node));
      return Object.freeze(object) as EnumType;
    });
  }

  // Nested declarations become properties, lazily (a struct may contain itself indirectly).
  // Each getter keeps what it resolved until the registry's generation changes (a reloaded
  // schema): `ab.Person` sits in the loops of users' code, and resolving it through the cache
  // (a key made from the ID and brand) took about half a microsecond, a sixth of building and
  // serializing a small message.
  #attachNested(target: Record<string, unknown>, node: Node, brand: Brand | null): void {
    for (const nested of node.nestedNodes ?? []) {
      if (!this.registry.has(nested.id) || Object.hasOwn(target, nested.name)) continue;
      let value: unknown;
      let generation = -1;
      Object.defineProperty(target, nested.name, {
        get: () => {
          if (generation !== this.registry.generation) {
            value = this.declaration(nested.id, brand);
            generation = this.registry.generation;
          }
          return value;
        },
        enumerable: true,
      });
    }
  }

  /** A constant's value as the runtime presents values of its type. */
  constValue(declared: Type, value: Value, brand: Brand | null): unknown {
    const type = substitute(declared, brand);
    switch (value.which) {
      case 'void':
        return null;
      case 'bool':
      case 'int8':
      case 'int16':
      case 'int32':
      case 'uint8':
      case 'uint16':
      case 'uint32':
      case 'int64':
      case 'uint64':
      case 'float32':
      case 'float64':
        return value.value;
      case 'enum':
        return type.which === 'enum'
          ? (this.registry.enumInfo(type.typeId).names[value.value] ?? value.value)
          : value.value;
      case 'text':
        return value.value === null ? '' : decodeUtf8(value.value);
      case 'data':
        return value.value ?? new Uint8Array(0);
      case 'struct':
        if (type.which !== 'struct') return null;
        return this.registry.defaultStruct(
          this.registry.structClasses(type.typeId, type.brand),
          value.value,
        );
      case 'list': {
        if (type.which !== 'list') return null;
        return this.registry.defaultList(this.registry.listClasses(type), value.value);
      }
      case 'anyPointer': {
        const m = new MessageReader(
          value.value === null ? [] : MessageReader.fromSegments([value.value], UNLIMITED).segments,
          UNLIMITED,
        );
        const segment = m.segments[0] as Segment | undefined;
        return segment === undefined
          ? null
          : new AnyPointerReader(this.registry, m, segment, 0, UNLIMITED_NESTING);
      }
      default:
        return null;
    }
  }
}
