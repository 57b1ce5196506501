import { encodeUtf8 } from '@capnp-kit/wire';
import type { Declaration, Expression, FileDeclaration, ParamList } from './ast.js';
import { CompilerNode } from './compiler-node.js';
import { type Diagnostic, type DiagnosticCode, diagnostic } from './diagnostics.js';
import type { ErrorReporter } from './error-reporter.js';
import { formatId, randomId } from './ids.js';
import type { Module } from './loader.js';
import type { Brand, Node, RequestedFile, SourceInfo, Type } from './schema/model.js';
import { UnorderedMapOrder } from './source-info-order.js';

// Traversal eagerness bits (reference: compiler.h `Compiler::Eagerness`).
const NODE = 1;
const PARENTS = 2;
const CHILDREN = 4;
const DEPENDENCIES = 1 << 15;
const DEPENDENCY_PARENTS = PARENTS * DEPENDENCIES;
/** What `capnp compile` asks for each file on its command line. */
export const COMPILE_EAGERNESS = NODE | CHILDREN | DEPENDENCIES | DEPENDENCY_PARENTS;

/**
 * One compile: every declaration by ID, the diagnostics, and the bookkeeping that reproduces
 * the order of the reference's output (reference: compiler.c++ `Compiler::Impl`, and the schema
 * loader whose table order becomes the order of `nodes`).
 */
export class Compiler {
  readonly diagnostics: Diagnostic[] = [];
  /** Declarations currently being compiled, nested (bounded by MAX_COMPILE_DEPTH). */
  compileDepth = 0;
  readonly #nodesById = new Map<bigint, CompilerNode>();
  readonly #aux = new Map<bigint, Node>();
  readonly #roots = new Map<Module, CompilerNode>();
  readonly #reporters = new Map<Module, ErrorReporter>();
  #nextBogusId = 1000n;

  // The final schema loader: IDs in insertion order (placeholders included) and loaded nodes.
  readonly #loaderOrder: bigint[] = [];
  readonly #loaderPresent = new Set<bigint>();
  readonly #loaded = new Map<bigint, Node>();

  readonly #sourceInfoOrder = new UnorderedMapOrder();
  readonly #sourceInfoById = new Map<bigint, SourceInfo>();

  /** Registers a node under `desiredId`, or under a bogus ID if it is taken (reported). */
  addNode(desiredId: bigint, node: CompilerNode): bigint {
    let id = desiredId;
    for (;;) {
      const existing = this.#nodesById.get(id);
      if (existing === undefined) {
        this.#nodesById.set(id, node);
        return id;
      }
      if (id & (1n << 63n)) {
        node.reporter.addError(
          node.start,
          node.end,
          `Duplicate ID @${formatId(id)}.`,
          'duplicate-id',
        );
        existing.reporter.addError(
          existing.start,
          existing.end,
          `ID @${formatId(id)} originally used here.`,
          'duplicate-id',
        );
      }
      id = this.#nextBogusId++;
    }
  }

  findNode(id: bigint): CompilerNode | undefined {
    return this.#nodesById.get(id);
  }

  findAux(id: bigint): Node | undefined {
    return this.#aux.get(id);
  }

  registerAux(nodes: readonly Node[]): void {
    for (const n of nodes) this.#aux.set(n.id, n);
  }

  /** The root node of a file, created (and its parse errors recorded) on first use. */
  rootOf(module: Module): CompilerNode {
    let root = this.#roots.get(module);
    if (root === undefined) {
      this.diagnostics.push(...module.parseDiagnostics);
      const ast = module.ast;
      if (ast.id === undefined && this.diagnostics.length === 0) {
        // The reference generates a random ID for the file and suggests it, unless an earlier
        // error may have kept the ID from being parsed.
        this.diagnostics.push(
          diagnostic(
            'missing-file-id',
            `File does not declare an ID.  I've generated one for you.  Add this line to your file: @${formatId(randomId())};`,
            module.source,
            0,
          ),
        );
      }
      root = new CompilerNode(this, module, undefined, ast);
      this.#roots.set(module, root);
    }
    return root;
  }

  reporterFor(module: Module): ErrorReporter {
    let reporter = this.#reporters.get(module);
    if (reporter === undefined) {
      const diagnostics = this.diagnostics;
      reporter = {
        addError: (
          start: number,
          end: number,
          message: string,
          code: DiagnosticCode = 'syntax',
        ) => {
          diagnostics.push(diagnostic(code, message, module.source, start, end));
        },
        hadErrors: () => diagnostics.length > 0,
      };
      this.#reporters.set(module, reporter);
    }
    return reporter;
  }

  /** Compiles a requested file: the file, its children and what they depend on. */
  eagerlyCompile(root: CompilerNode): void {
    const sourceInfos: SourceInfo[] = [];
    this.#traverse(root, COMPILE_EAGERNESS, new Map(), sourceInfos);
    for (const info of sourceInfos) {
      if (!this.#sourceInfoById.has(info.id)) this.#sourceInfoById.set(info.id, info);
      this.#sourceInfoOrder.insert(info.id);
    }
  }

  /**
   * Visits `node` and, per the eagerness bits, what it depends on, its parents and its children
   * (reference: `Compiler::Node::traverse`). Depth-first like the reference's recursion, but on
   * an explicit stack: dependency chains can be thousands of declarations long.
   */
  #traverse(
    root: CompilerNode,
    eagerness: number,
    seen: Map<CompilerNode, number>,
    sourceInfos: SourceInfo[],
  ): void {
    type Step =
      | { readonly kind: 'visit'; readonly node: CompilerNode; readonly e: number }
      | { readonly kind: 'sourceInfo' | 'aliases'; readonly node: CompilerNode }
      | { readonly kind: 'children'; readonly node: CompilerNode; readonly e: number };
    const stack: Step[] = [{ kind: 'visit', node: root, e: eagerness }];
    while (stack.length > 0) {
      const step = stack.pop() as Step;
      const node = step.node;
      switch (step.kind) {
        case 'sourceInfo':
          sourceInfos.push(...node.sourceInfo);
          continue;
        case 'aliases':
          for (const alias of node.aliases()) alias.compile();
          continue;
        case 'children':
          if (node.expand()) {
            stack.push({ kind: 'aliases', node });
            const children = node.orderedNestedNodes;
            for (let i = children.length - 1; i >= 0; i--) {
              stack.push({ kind: 'visit', node: children[i] as CompilerNode, e: step.e });
            }
          }
          continue;
        case 'visit':
          break;
      }
      const e = step.e;
      const slot = seen.get(node) ?? 0;
      if ((slot & e) === e) continue;
      seen.set(node, slot | e);
      // In order: dependencies, the node's source info, its parents, its children.
      const next: Step[] = [];
      const schema = node.getFinalSchema();
      if (schema !== undefined) {
        this.#loadFinal(node, schema);
        if (Math.floor(e / DEPENDENCIES) !== 0) {
          const depE = (e & ~(DEPENDENCIES - 1)) | Math.floor(e / DEPENDENCIES);
          for (const s of [schema, ...node.auxSchemas]) {
            for (const dep of this.#dependencies(s))
              next.push({ kind: 'visit', node: dep, e: depE });
          }
        }
        next.push({ kind: 'sourceInfo', node });
      }
      if (e & PARENTS && node.parent !== undefined)
        next.push({ kind: 'visit', node: node.parent, e });
      if (e & CHILDREN) next.push({ kind: 'children', node, e });
      for (let i = next.length - 1; i >= 0; i--) stack.push(next[i] as Step);
    }
  }

  /** The declarations `schema` depends on, in the reference's traversal order. */
  #dependencies(schema: Node): CompilerNode[] {
    const out: CompilerNode[] = [];
    const dep = (id: bigint) => {
      const n = this.#nodesById.get(id);
      if (n !== undefined) out.push(n);
    };
    const type = (t: Type): void => {
      if (t.which === 'list') type(t.elementType);
      else if (t.which === 'struct' || t.which === 'enum' || t.which === 'interface') {
        dep(t.typeId);
        brand(t.brand);
      }
    };
    const brand = (b: Brand | null): void => {
      for (const scope of b?.scopes ?? []) {
        if (scope.which === 'bind') {
          for (const binding of scope.bind) if (binding.which === 'type') type(binding.type);
        }
      }
    };
    const annotations = (anns: readonly { id: bigint }[] | null): void => {
      for (const a of anns ?? []) dep(a.id);
    };
    switch (schema.which) {
      case 'struct':
        for (const f of schema.struct.fields ?? []) {
          if (f.which === 'slot') type(f.slot.type);
          annotations(f.annotations);
        }
        break;
      case 'enum':
        for (const en of schema.enum.enumerants) annotations(en.annotations);
        break;
      case 'interface':
        for (const s of schema.interface.superclasses) {
          if (s.id !== 0n) dep(s.id);
          brand(s.brand);
        }
        for (const m of schema.interface.methods) {
          dep(m.paramStructType);
          brand(m.paramBrand);
          dep(m.resultStructType);
          brand(m.resultBrand);
          annotations(m.annotations);
        }
        break;
      case 'const':
        type(schema.const.type);
        break;
      case 'annotation':
        type(schema.annotation.type);
        break;
      default:
        break;
    }
    annotations(schema.annotations);
    return out;
  }

  /** Loads a node and its auxiliary nodes into the final loader (once). */
  #loadFinal(node: CompilerNode, schema: Node): void {
    for (const aux of node.auxSchemas) this.#loadOnce(aux);
    this.#loadOnce(schema);
  }

  // A node reaches the loader's table when loaded, or earlier as a placeholder when a node being
  // loaded refers to it: that is what orders `nodes` in the output.
  #loadOnce(node: Node): void {
    if (this.#loaded.has(node.id)) return;
    for (const ref of validationRefs(node)) this.#present(ref);
    this.#present(node.id);
    this.#loaded.set(node.id, node);
  }

  #present(id: bigint): void {
    if (!this.#loaderPresent.has(id)) {
      this.#loaderPresent.add(id);
      this.#loaderOrder.push(id);
    }
  }

  /** The output nodes, in the reference's order. */
  nodes(): Node[] {
    const out: Node[] = [];
    for (const id of this.#loaderOrder) {
      const node = this.#loaded.get(id);
      if (node !== undefined) out.push(node);
    }
    return out;
  }

  /** The output source infos, in the reference's order. */
  sourceInfo(): SourceInfo[] {
    return this.#sourceInfoOrder.keys().map((id) => this.#sourceInfoById.get(id) as SourceInfo);
  }

  /** The imports table of a requested file: every import used in a type position, sorted. */
  importTable(root: CompilerNode): RequestedFile['imports'] {
    const names = new Set<string>();
    collectImports(root.decl as FileDeclaration, names);
    return [...names].sort(compareBytes).flatMap((name) => {
      const module = root.module.importRelative(name);
      return module === undefined ? [] : [{ id: this.rootOf(module).id, name }];
    });
  }
}

/** IDs the reference's schema validator looks up while loading `node`, in its order. */
function validationRefs(node: Node): bigint[] {
  const out: bigint[] = [];
  const type = (t: Type): void => {
    if (t.which === 'list') type(t.elementType);
    else if (t.which === 'struct' || t.which === 'enum' || t.which === 'interface') {
      out.push(t.typeId);
      brand(t.brand);
    }
  };
  const brand = (b: Brand | null): void => {
    for (const scope of b?.scopes ?? []) {
      if (scope.which === 'bind')
        for (const binding of scope.bind) if (binding.which === 'type') type(binding.type);
    }
  };
  switch (node.which) {
    case 'struct':
      for (const f of node.struct.fields ?? []) {
        if (f.which === 'slot') type(f.slot.type);
        else out.push(f.group.typeId);
      }
      if (node.struct.isGroup) out.push(node.scopeId);
      break;
    case 'interface':
      for (const s of node.interface.superclasses) {
        out.push(s.id);
        brand(s.brand);
      }
      for (const m of node.interface.methods) {
        out.push(m.paramStructType);
        brand(m.paramBrand);
        out.push(m.resultStructType);
        brand(m.resultBrand);
      }
      break;
    case 'const':
      type(node.const.type);
      break;
    case 'annotation':
      type(node.annotation.type);
      break;
    default:
      break;
  }
  return out;
}

/** Byte-wise comparison of the UTF-8 encodings (the order of the reference's std::set). */
function compareBytes(a: string, b: string): number {
  const x = encodeUtf8(a);
  const y = encodeUtf8(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return x.length - y.length;
}

function importsOf(e: Expression | undefined, out: Set<string>): void {
  if (e === undefined) return;
  switch (e.kind) {
    case 'import':
      out.add(e.path.value);
      break;
    case 'list':
      for (const x of e.elements) importsOf(x, out);
      break;
    case 'tuple':
      for (const x of e.elements) importsOf(x.value, out);
      break;
    case 'application':
      importsOf(e.function, out);
      for (const x of e.params) importsOf(x.value, out);
      break;
    case 'member':
      importsOf(e.parent, out);
      break;
    default:
      break;
  }
}

function paramListImports(list: ParamList | undefined, out: Set<string>): void {
  if (list === undefined) return;
  if (list.kind === 'named') {
    for (const p of list.params) {
      importsOf(p.type, out);
      for (const a of p.annotations) importsOf(a.name, out);
    }
  } else if (list.kind === 'type') importsOf(list.type, out);
  else out.add('/capnp/stream.capnp');
}

/** Imports used by types, superclasses, method lists and annotation names (not values). */
function collectImports(decl: Declaration, out: Set<string>): void {
  switch (decl.kind) {
    case 'using':
      importsOf(decl.target, out);
      break;
    case 'const':
      importsOf(decl.type, out);
      break;
    case 'field':
      importsOf(decl.type, out);
      break;
    case 'interface':
      for (const s of decl.superclasses) importsOf(s, out);
      break;
    case 'method':
      paramListImports(decl.params, out);
      paramListImports(decl.results, out);
      break;
    default:
      break;
  }
  for (const a of decl.annotations) importsOf(a.name, out);
  if ('nestedDecls' in decl) for (const n of decl.nestedDecls) collectImports(n, out);
}
