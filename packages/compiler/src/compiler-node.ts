import type {
  AnnotationDeclaration,
  ConstDeclaration,
  EnumDeclaration,
  Expression,
  FileDeclaration,
  InterfaceDeclaration,
  StructDeclaration,
} from './ast.js';
import { lookupBuiltin } from './builtins.js';
import type { Compiler } from './compiler.js';
import type { ErrorReporter } from './error-reporter.js';
import { BrandScope, NO_IMPLICIT_PARAMS } from './generics.js';
import { childId, randomId } from './ids.js';
import type { Module } from './loader.js';
import type { ResolvedDecl, ResolveResult } from './resolver.js';
import type { Node, SourceInfo } from './schema/model.js';
import { type NodeBuilder, NodeTranslator, type TranslatorResolver } from './translator.js';
import { validateNode } from './validate.js';

/** A declaration that becomes a schema node. */
export type NodeDeclaration =
  | FileDeclaration
  | StructDeclaration
  | EnumDeclaration
  | InterfaceDeclaration
  | ConstDeclaration
  | AnnotationDeclaration;

/**
 * How many declarations may be waiting on each other's compilation at once (see `#advance`).
 * Real schemas stay far below it; each level costs a few dozen stack frames.
 */
export const MAX_COMPILE_DEPTH = 200;

enum State {
  Stub,
  Expanded,
  Bootstrap,
  Finished,
}

/** A `using` declaration: compiled on first use into what it names (with its bindings). */
class Alias {
  #result: ResolveResult | undefined;
  #compiled = false;

  constructor(
    readonly parent: CompilerNode,
    readonly target: Expression,
  ) {}

  compile(): ResolveResult | undefined {
    if (!this.#compiled) {
      this.#compiled = true;
      const parent = this.parent;
      const scope = BrandScope.forScope(
        parent.reporter,
        parent.id,
        parent.genericParamCount,
        parent,
      );
      const decl = scope.compileDeclExpression(this.target, parent, NO_IMPLICIT_PARAMS);
      this.#result = decl?.asResolveResult(scope.leafId);
    }
    return this.#result;
  }
}

/**
 * One declaration of a schema file, compiled lazily through states: its children are created
 * when first looked up, its schema node built when first needed, its pointer values finished
 * last (reference: compiler.c++ `Compiler::Node`). Asking for a state while computing it means
 * the declaration depends on itself, which is reported.
 */
export class CompilerNode implements TranslatorResolver {
  readonly id: bigint;
  readonly displayName: string;
  readonly kind: NodeDeclaration['kind'];
  readonly genericParamCount: number;
  /** Where errors about the node as a whole are reported: its name, else its statement. */
  readonly start: number;
  readonly end: number;

  #state = State.Stub;
  #busy = false;
  readonly #nested = new Map<string, CompilerNode>();
  readonly orderedNestedNodes: CompilerNode[] = [];
  readonly #aliases = new Map<string, Alias>();
  #translator: NodeTranslator | undefined;
  #final: Node | undefined;
  auxSchemas: readonly Node[] = [];
  sourceInfo: readonly SourceInfo[] = [];

  constructor(
    readonly compiler: Compiler,
    readonly module: Module,
    readonly parent: CompilerNode | undefined,
    readonly decl: NodeDeclaration,
  ) {
    this.kind = decl.kind;
    this.genericParamCount = 'parameters' in decl ? (decl.parameters?.length ?? 0) : 0;
    if (decl.kind === 'file') {
      this.displayName = module.sourceName;
      // The reference records no location for the file declaration: errors go to 1:1.
      this.start = 0;
      this.end = 0;
      this.id = compiler.addNode(decl.id?.value ?? randomId(), this);
    } else {
      this.displayName = `${parent?.displayName}${parent?.parent === undefined ? ':' : '.'}${decl.name.value}`;
      const named = decl.name.value.length > 0;
      this.start = named ? decl.name.start : decl.start;
      this.end = named ? decl.name.end : decl.end;
      this.id = compiler.addNode(
        decl.id?.value ?? childId(parent?.id ?? 0n, decl.name.value),
        this,
      );
    }
  }

  get reporter(): ErrorReporter {
    return this.compiler.reporterFor(this.module);
  }

  addError(message: string): void {
    this.reporter.addError(this.start, this.end, message, 'cycle');
  }

  #advance(minimum: State): boolean {
    if (this.#state >= minimum) return true;
    if (this.#busy) {
      this.addError('Declaration recursively depends on itself.');
      return false;
    }
    // Compiling a declaration can require compiling another first (a constant naming a
    // constant, a default needing its type's layout), recursively. Bound that chain so hostile
    // input gets an error instead of exhausting the stack (the reference crashes here).
    const compiler = this.compiler;
    if (compiler.compileDepth >= MAX_COMPILE_DEPTH) {
      this.reporter.addError(
        this.start,
        this.end,
        `Declaration depends on a chain of more than ${MAX_COMPILE_DEPTH} other declarations being compiled first.`,
        'limit',
      );
      return false;
    }
    compiler.compileDepth++;
    this.#busy = true;
    try {
      if (this.#state === State.Stub) {
        this.#expand();
        this.#state = State.Expanded;
      }
      if (minimum > State.Expanded && this.#state === State.Expanded) {
        this.#translator = new NodeTranslator(this, this.reporter, this.decl, this.#skeleton());
        this.#validateBootstrap(this.#translator);
        this.#state = State.Bootstrap;
      }
      if (minimum > State.Bootstrap && this.#state === State.Bootstrap) {
        const set = (this.#translator as NodeTranslator).finish();
        this.#final = set.node;
        this.auxSchemas = set.auxNodes;
        this.sourceInfo = set.sourceInfo;
        this.#state = State.Finished;
      }
    } finally {
      this.#busy = false;
      compiler.compileDepth--;
    }
    return true;
  }

  // The reference loads each bootstrap node into a schema loader that validates it, and reports
  // a failure as an internal error unless errors were already reported.
  #validateBootstrap(translator: NodeTranslator): void {
    const set = translator.getBootstrapNode();
    for (const node of [...set.auxNodes, set.node]) {
      const failure = validateNode(node);
      if (failure !== undefined) {
        if (!this.reporter.hadErrors()) {
          this.reporter.addError(
            this.start,
            this.end,
            `Internal compiler bug: Bootstrap schema failed validation:\n${failure}`,
            'layout',
          );
        }
        return;
      }
    }
  }

  #expand(): void {
    const decl = this.decl;
    if (decl.kind === 'const' || decl.kind === 'annotation' || decl.kind === 'enum') return;
    for (const nested of decl.nestedDecls) {
      switch (nested.kind) {
        case 'const':
        case 'annotation':
        case 'enum':
        case 'struct':
        case 'interface': {
          const node = new CompilerNode(this.compiler, this.module, this, nested);
          this.orderedNestedNodes.push(node);
          if (!this.#nested.has(nested.name.value)) this.#nested.set(nested.name.value, node);
          break;
        }
        case 'using':
          if (!this.#aliases.has(nested.name.value)) {
            this.#aliases.set(nested.name.value, new Alias(this, nested.target));
          }
          break;
        default:
          break;
      }
    }
  }

  #skeleton(): NodeBuilder {
    const name = this.displayName;
    let prefix = name.lastIndexOf('.') + 1;
    const colon = name.lastIndexOf(':');
    if (colon >= 0 && colon > prefix) prefix = colon + 1;
    return {
      id: this.id,
      displayName: name,
      displayNamePrefixLength: prefix,
      scopeId: this.parent?.id ?? 0n,
      nestedNodes: this.orderedNestedNodes.map((n) => ({
        name: (n.decl as Exclude<NodeDeclaration, FileDeclaration>).name.value,
        id: n.id,
      })),
      annotations: null,
      parameters: null,
      isGeneric: false,
      which: 'file',
    } as NodeBuilder;
  }

  /** The node with everything but pointer values, or undefined if it depends on itself. */
  getBootstrapSchema(): Node | undefined {
    if (!this.#advance(State.Bootstrap)) return undefined;
    return this.#final ?? ((this.#translator as NodeTranslator).node as Node);
  }

  getFinalSchema(): Node | undefined {
    if (!this.#advance(State.Finished)) return undefined;
    return this.#final;
  }

  /** Expands the node (creates its children). */
  expand(): boolean {
    return this.#advance(State.Expanded);
  }

  /** `using` aliases, to be compiled when the node's children are traversed. */
  aliases(): Iterable<{ compile(): unknown }> {
    return this.#aliases.values();
  }

  // Resolver ---------------------------------------------------------------------------------

  resolve(name: string): ResolveResult | undefined {
    const member = this.resolveMember(name);
    if (member !== undefined) return member;
    const params = 'parameters' in this.decl ? (this.decl.parameters ?? []) : [];
    const index = params.findIndex((p) => p.value === name);
    if (index >= 0) return { type: 'parameter', id: this.id, index };
    if (this.parent !== undefined) return this.parent.resolve(name);
    const b = lookupBuiltin(name);
    if (b === undefined) return undefined;
    return {
      type: 'decl',
      id: b.id,
      genericParamCount: b.genericParamCount,
      scopeId: 0n,
      kind: b.kind,
      resolver: b,
    };
  }

  resolveMember(name: string): ResolveResult | undefined {
    if (!this.#advance(State.Expanded)) return undefined;
    const node = this.#nested.get(name);
    if (node !== undefined) return node.asDecl(this.id);
    return this.#aliases.get(name)?.compile();
  }

  /** This node as a resolve result whose scope is `scopeId`. */
  asDecl(scopeId: bigint): ResolvedDecl {
    return {
      type: 'decl',
      id: this.id,
      genericParamCount: this.genericParamCount,
      scopeId,
      kind: this.kind,
      resolver: this,
    };
  }

  getParent(): ResolvedDecl | undefined {
    const p = this.parent;
    return p === undefined ? undefined : p.asDecl(p.parent?.id ?? 0n);
  }

  getTopScope(): ResolvedDecl {
    const root = this.compiler.rootOf(this.module);
    return { ...root.asDecl(0n), genericParamCount: 0 };
  }

  resolveImport(name: string): ResolvedDecl | undefined {
    const module = this.module.importRelative(name);
    if (module === undefined) return undefined;
    const root = this.compiler.rootOf(module);
    return { ...root.asDecl(0n), genericParamCount: 0 };
  }

  readEmbed(name: string): Uint8Array | undefined {
    return this.module.embedRelative(name);
  }

  resolveId(id: bigint): ResolvedDecl | undefined {
    const node = this.compiler.findNode(id);
    return node?.asDecl(node.parent?.id ?? 0n);
  }

  resolveBootstrapSchema(id: bigint): Node | undefined {
    return this.compiler.findNode(id)?.getBootstrapSchema();
  }

  resolveFinalSchema(id: bigint): Node | undefined {
    return this.compiler.findNode(id)?.getFinalSchema();
  }

  lookupNode(id: bigint): Node | undefined {
    return this.compiler.findNode(id)?.getBootstrapSchema() ?? this.compiler.findAux(id);
  }

  registerAux(nodes: readonly Node[]): void {
    this.compiler.registerAux(nodes);
  }
}
