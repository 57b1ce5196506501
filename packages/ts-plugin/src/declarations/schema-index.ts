import type { CodeGeneratorRequest, Node, SourceInfo } from '@capnp-kit/compiler/schema';
import { declarableName } from './identifiers.js';

/**
 * Where every node of a CodeGeneratorRequest goes in the generated declarations: the namespace
 * that holds its types (its path, as other declarations refer to it), its generic parameters,
 * and the names of its helper types. Nodes of the requested file sit at the top of the module
 * (`Person.PhoneNumber`); nodes of imported files it refers to sit under `$imports`.
 */

/** The helper types of a node's namespace. */
export type HelperName =
  | 'Reader'
  | 'Builder'
  | 'Init'
  | 'Object'
  | 'Pipeline'
  | 'Client'
  | 'Server'
  | '$Type'
  | '$Generic'
  | '$Values';

/** A generic parameter in scope: TypeScript name of parameter `index` of scope `scopeId`. */
export interface TypeParam {
  readonly scopeId: bigint;
  readonly index: number;
  readonly name: string;
}

/** Where a node's declarations go. */
export interface NodePlace {
  readonly node: Node;
  /** The node whose namespace holds this one's (undefined at the top of a file). */
  readonly parent: bigint | undefined;
  /** The namespace names leading from the parent's namespace to this node's. */
  readonly segments: readonly string[];
  /** The file the node belongs to. */
  readonly file: bigint;
  /** Parameters of the generic scopes around and of the node, outermost first. */
  readonly params: readonly TypeParam[];
  /** For the param and result structs the compiler made for a method: that method. */
  readonly method?: { readonly interfaceId: bigint; readonly name: string };
}

const NO_MEMBERS: ReadonlySet<string> = new Set();

/** TypeScript names of the globals declarations use, when no schema name shadows them. */
const GLOBALS = ['Uint8Array', 'ArrayBuffer', 'Promise', 'ArrayLike'];

export class SchemaIndex {
  readonly nodes = new Map<bigint, Node>();
  readonly places = new Map<bigint, NodePlace>();
  readonly docs = new Map<bigint, SourceInfo>();
  /** Namespace names of imported files, under `$imports`. */
  readonly fileNamespaces = new Map<bigint, string>();
  /** Every name a namespace, type or parameter of the declarations may have. */
  readonly allNames = new Set<string>();
  readonly #helpers = new Map<bigint, Map<HelperName, string>>();
  #members: Map<bigint, Set<string>> | undefined;

  constructor(
    readonly request: CodeGeneratorRequest,
    readonly fileId: bigint,
  ) {
    for (const node of request.nodes) this.nodes.set(node.id, node);
    for (const info of request.sourceInfo) this.docs.set(info.id, info);
    const usedFileNames = new Set<string>();
    for (const node of request.nodes) {
      if (node.which !== 'file') continue;
      if (node.id !== fileId) {
        const base = node.displayName
          .slice(node.displayName.lastIndexOf('/') + 1)
          .replace(/[^A-Za-z0-9]/g, '_')
          .replace(/^(?=[0-9])/, '_');
        let name = base.includes('_') ? base : `${base}_`;
        for (let i = 2; usedFileNames.has(name); i++) name = `${base}_${i}`;
        usedFileNames.add(name);
        this.fileNamespaces.set(node.id, name);
      }
      // A file has no namespace of its own: its declarations are at the top of the module.
      this.places.set(node.id, {
        node,
        parent: undefined,
        segments: [],
        file: node.id,
        params: [],
      });
      this.#placeChildren(node, node.id, undefined);
    }
    this.#nameParams();
  }

  node(id: bigint): Node {
    const node = this.nodes.get(id);
    if (node === undefined) throw new Error(`The request has no node @0x${id.toString(16)}.`);
    return node;
  }

  place(id: bigint): NodePlace {
    const place = this.places.get(id);
    if (place === undefined) throw new Error(`Node @0x${id.toString(16)} has no place.`);
    return place;
  }

  /** True if the node belongs to the requested file. */
  isLocal(id: bigint): boolean {
    return this.places.get(id)?.file === this.fileId;
  }

  /** The qualified name of a node's namespace (`Person.PhoneNumber`, `$imports.x_.Foo`). */
  path(id: bigint): string {
    const place = this.place(id);
    const own = place.segments.join('.');
    if (place.parent !== undefined) return `${this.path(place.parent)}.${own}`;
    return place.file === this.fileId
      ? own
      : `$imports.${this.fileNamespaces.get(place.file)}.${own}`;
  }

  /** The first namespace name of {@link path}: the name a reference is resolved by. */
  rootName(id: bigint): string {
    return this.path(id).split('.')[0] as string;
  }

  /** The name of a helper type in a node's namespace (`$`-prefixed if a member has its name). */
  helper(id: bigint, name: HelperName): string {
    let helpers = this.#helpers.get(id);
    if (helpers === undefined) {
      helpers = new Map();
      this.#helpers.set(id, helpers);
    }
    let actual = helpers.get(name);
    if (actual === undefined) {
      actual = name.startsWith('$') || !this.members(id).has(name) ? name : `$${name}`;
      helpers.set(name, actual);
    }
    return actual;
  }

  /** The names declared in a node's namespace by the schema (nested types, groups, methods). */
  members(id: bigint): ReadonlySet<string> {
    if (this.#members === undefined) {
      this.#members = new Map();
      for (const place of this.places.values()) {
        if (place.parent === undefined) continue;
        let names = this.#members.get(place.parent);
        if (names === undefined) {
          names = new Set();
          this.#members.set(place.parent, names);
        }
        names.add(place.segments[0] as string);
      }
    }
    return this.#members.get(id) ?? NO_MEMBERS;
  }

  /** The doc comment of a node, or of member `index` (field, enumerant, method) of it. */
  doc(id: bigint, index?: number): string | null {
    const info = this.docs.get(id);
    if (info === undefined) return null;
    if (index === undefined) return info.docComment;
    return info.members?.[index]?.docComment ?? null;
  }

  /** The name a global type is referred to by (`globalThis.X` when a schema name shadows it). */
  global(name: (typeof GLOBALS)[number]): string {
    return this.allNames.has(name) ? `globalThis.${name}` : name;
  }

  /** The generic parameters of the scope of a node that declares some (struct, interface). */
  ownParams(id: bigint): TypeParam[] {
    return this.place(id).params.filter((p) => p.scopeId === id);
  }

  #add(
    node: Node,
    fileId: bigint,
    parent: bigint | undefined,
    segments: string[],
    method?: NodePlace['method'],
  ): void {
    if (this.places.has(node.id)) return;
    for (const s of segments) this.allNames.add(s);
    this.places.set(node.id, {
      node,
      parent,
      segments,
      file: fileId,
      params: [],
      ...(method === undefined ? {} : { method }),
    });
    this.#placeChildren(node, fileId, node.id);
  }

  #placeChildren(node: Node, fileId: bigint, self: bigint | undefined): void {
    for (const nested of node.nestedNodes ?? []) {
      const child = this.nodes.get(nested.id);
      if (child !== undefined) this.#add(child, fileId, self, [declarableName(nested.name)]);
    }
    if (node.which === 'struct') {
      for (const field of node.struct.fields ?? []) {
        if (field.which !== 'group') continue;
        const group = this.nodes.get(field.group.typeId);
        if (group !== undefined) this.#add(group, fileId, self, [declarableName(field.name)]);
      }
    } else if (node.which === 'interface') {
      for (const m of node.interface.methods) {
        const ns = declarableName(m.name);
        for (const [id, name] of [
          [m.paramStructType, 'Params'],
          [m.resultStructType, 'Results'],
        ] as const) {
          const struct = this.nodes.get(id);
          // Only the structs the compiler made for the method live in its namespace; a
          // named struct (`foo @0 Person -> …`) keeps its own place.
          if (struct !== undefined && struct.scopeId === 0n) {
            this.#add(struct, fileId, self, [ns, name], { interfaceId: node.id, name: m.name });
          }
        }
      }
    }
  }

  // Generic parameters: every node inside a generic scope takes that scope's parameters.
  #nameParams(): void {
    const done = new Set<bigint>();
    const resolve = (id: bigint): TypeParam[] => {
      const place = this.place(id);
      if (done.has(id)) return [...place.params];
      done.add(id);
      const outer = place.parent === undefined ? [] : resolve(place.parent);
      const own = (place.node.parameters ?? []).map((p, index) => {
        let name = p.name;
        while (
          this.allNames.has(name) ||
          GLOBALS.includes(name) ||
          outer.some((o) => o.name === name)
        )
          name = `${name}$`;
        return { scopeId: id, index, name };
      });
      const params = [...outer, ...own];
      this.places.set(id, { ...place, params });
      return params;
    };
    for (const id of this.places.keys()) resolve(id);
  }
}
