import type { Brand, Type } from '@capnp-kit/compiler/schema';
import type { HelperName, SchemaIndex, TypeParam } from './schema-index.js';

/**
 * TypeScript type expressions for schema types, as the runtime presents their values in each
 * role (see `ValueTypes` of @capnp-kit/runtime): what a reader gives, what a builder gives, what
 * a setter or init object takes, what `toObject()` gives.
 */

/** How a value is used. */
export type Role = 'reader' | 'builder' | 'init' | 'object';

/** The name of the `toObject()` configuration parameter of `Object` types. */
export const CONFIG = '$C';

/** Where a type expression is written: inside the namespace of node `node`. */
export interface At {
  readonly node: bigint;
  /**
   * Names declared by namespaces between the node's and the place written to (a method's
   * namespace, the alias namespaces of named param structs), which hide top-level names.
   */
  readonly extraNames?: readonly string[];
}

/** Names the namespace of a method declares next to its `Params` and `Results`. */
export const METHOD_MEMBERS = ['Params', 'Results', 'Answer', 'Context', 'Return'];

const NUMBER_TYPES = new Set([
  'int8',
  'int16',
  'int32',
  'uint8',
  'uint16',
  'uint32',
  'float32',
  'float64',
]);

export class TypeWriter {
  /** True once a reference had to go through the module's own import (see {@link ref}). */
  usesSelf = false;
  /** Nodes of other files that declarations refer to (their types must be declared too). */
  readonly needed = new Set<bigint>();

  constructor(readonly index: SchemaIndex) {}

  /** Type parameters declared by a node's interfaces: `<T extends … = …, …>`, or nothing. */
  typeParams(id: bigint, extra = ''): string {
    const params = this.index
      .place(id)
      .params.map((p) => `${p.name} extends $.ValueTypes = $.AnyPointerValues`);
    if (extra !== '') params.push(extra);
    return params.length === 0 ? '' : `<${params.join(', ')}>`;
  }

  /** The type arguments passing a node's own type parameters on: `<T, …>`, or nothing. */
  ownArgs(id: bigint, extra = ''): string {
    const names = this.index.place(id).params.map((p) => p.name);
    if (extra !== '') names.push(extra);
    return names.length === 0 ? '' : `<${names.join(', ')}>`;
  }

  /**
   * A reference to helper `helper` of node `id` (or to the node's own type, for enums) from
   * `at`, with the generic arguments `brand` gives it. A top-level name that a namespace around
   * `at` shadows is reached through the module's own import (`$self`).
   */
  ref(id: bigint, helper: HelperName | null, brand: Brand | null, at: At, extra = ''): string {
    this.#need(id);
    const index = this.index;
    const path = index.path(id);
    let prefix = '';
    if (!path.startsWith('$') && this.#shadowed(index.rootName(id), at)) {
      prefix = '$self.';
      this.usesSelf = true;
    }
    const name = helper === null ? path : `${path}.${index.helper(id, helper)}`;
    const args = index.place(id).params.map((p) => this.#argument(p, brand, at));
    if (extra !== '') args.push(extra);
    return `${prefix}${name}${args.length === 0 ? '' : `<${args.join(', ')}>`}`;
  }

  /** The value types (`$.ValueTypes`) of `type`: what a generic parameter is bound to. */
  values(type: Type, at: At): string {
    switch (type.which) {
      case 'list':
        return `$.ListValues<${this.values(type.elementType, at)}>`;
      case 'struct':
      case 'enum':
      case 'interface':
        return this.ref(type.typeId, '$Values', type.brand, at);
      case 'anyPointer': {
        const ap = type.anyPointer;
        if (ap.which === 'parameter') return this.#param(ap.scopeId, ap.parameterIndex, at);
        return '$.AnyPointerValues';
      }
      default:
        return `$.BuiltinValues[${JSON.stringify(type.which)}]`;
    }
  }

  /** The TypeScript type of values of `type` in `role`, written at `at`. */
  type(type: Type, role: Role, at: At): string {
    switch (type.which) {
      case 'void':
        return 'null';
      case 'bool':
        return 'boolean';
      case 'int64':
      case 'uint64':
        if (role === 'init') return 'number | bigint';
        return role === 'object' ? `$.Int64Out<${CONFIG}>` : 'bigint';
      case 'text':
        return role === 'init' ? 'string | null' : 'string';
      case 'data':
        if (role === 'init') return '$.DataInit';
        return role === 'object' ? `$.DataOut<${CONFIG}>` : this.index.global('Uint8Array');
      case 'enum': {
        const names = this.ref(type.typeId, null, null, at);
        return role === 'object' ? `$.EnumOut<${CONFIG}, ${names}>` : `${names} | number`;
      }
      case 'struct':
        return this.struct(type.typeId, type.brand, role, at, true);
      case 'list':
        return this.#list(type.elementType, role, at);
      case 'interface': {
        const client = this.ref(type.typeId, 'Client', type.brand, at);
        if (role === 'reader') return `${client} | null`;
        return `${client} | ${this.ref(type.typeId, 'Server', type.brand, at)} | null`;
      }
      case 'anyPointer': {
        const ap = type.anyPointer;
        if (ap.which === 'parameter') {
          const p = this.#param(ap.scopeId, ap.parameterIndex, at);
          if (role === 'object') return `$.ParamOut<${p}, ${CONFIG}>`;
          return role === 'init'
            ? `${p}['init'] | ${p}['builder']`
            : `${p}[${JSON.stringify(role)}]`;
        }
        if (role === 'reader') return '$.AnyReader';
        if (role === 'builder') return '$.AnyBuilder';
        return role === 'init' ? '$.AnyInit' : '$.AnyReader | $.AnyBuilder';
      }
      default:
        if (NUMBER_TYPES.has(type.which)) return role === 'init' ? 'number | bigint' : 'number';
        throw new Error(`unknown type ${(type as Type).which}`);
    }
  }

  /**
   * A struct (or group, with `nullable` false: a group cannot be assigned null) in `role`.
   */
  struct(id: bigint, brand: Brand | null, role: Role, at: At, nullable: boolean): string {
    switch (role) {
      case 'reader':
        return this.ref(id, 'Reader', brand, at);
      case 'builder':
        return this.ref(id, 'Builder', brand, at);
      case 'object':
        return this.ref(id, 'Object', brand, at, CONFIG);
      case 'init':
        return `${this.ref(id, 'Init', brand, at)} | ${this.ref(id, 'Reader', brand, at)} | ${this.ref(id, 'Builder', brand, at)}${nullable ? ' | null' : ''}`;
    }
  }

  #list(element: Type, role: Role, at: At): string {
    switch (role) {
      case 'reader':
        return `$.ListReader<${this.type(element, 'reader', at)}>`;
      case 'builder': {
        const kind = element.which === 'list' ? 'NestedListBuilder' : 'ListBuilder';
        return `$.${kind}<${this.type(element, 'builder', at)}, ${this.type(element, 'init', at)}>`;
      }
      case 'init':
        return `$.ListInit<${this.type(element, 'init', at)}, ${this.type(element, 'reader', at)}, ${this.type(element, 'builder', at)}>`;
      case 'object':
        return `(${this.type(element, 'object', at)})[]`;
    }
  }

  #need(id: bigint): void {
    if (!this.index.isLocal(id)) this.needed.add(id);
  }

  // The argument for generic parameter `p` of a referenced node, from the brand it is used with.
  #argument(p: TypeParam, brand: Brand | null, at: At): string {
    const scope = brand?.scopes?.find((s) => s.scopeId === p.scopeId);
    if (scope === undefined) return '$.AnyPointerValues';
    if (scope.which === 'inherit') return this.#param(p.scopeId, p.index, at);
    const binding = scope.bind[p.index];
    if (binding === undefined || binding.which === 'unbound') return '$.AnyPointerValues';
    return this.values(binding.type, at);
  }

  // The type parameter standing for parameter `index` of scope `scopeId` where `at` is.
  #param(scopeId: bigint, index: number, at: At): string {
    const p = this.index
      .place(at.node)
      .params.find((q) => q.scopeId === scopeId && q.index === index);
    return p === undefined ? '$.AnyPointerValues' : p.name;
  }

  // True if a namespace around `at` declares `name`, hiding the top-level name.
  #shadowed(name: string, at: At): boolean {
    const index = this.index;
    if (at.extraNames?.includes(name)) return true;
    for (let id: bigint | undefined = at.node; id !== undefined; id = index.place(id).parent) {
      const place = index.place(id);
      if (index.members(id).has(name)) return true;
      const helpers = HELPERS[place.node.which] ?? [];
      for (const helper of helpers) if (index.helper(id, helper) === name) return true;
      // Param and result structs sit in their method's namespace.
      if (place.method !== undefined && METHOD_MEMBERS.includes(name)) return true;
      if (place.parent === undefined) break;
    }
    return false;
  }
}

// The helper types each kind of node declares in its namespace.
const HELPERS: Partial<Record<string, readonly HelperName[]>> = {
  struct: ['Reader', 'Builder', 'Init', 'Object', 'Pipeline'],
  interface: ['Client', 'Server'],
};
