import type {
  AnnotationApplication,
  AnnotationDeclaration,
  ConstDeclaration,
  EnumDeclaration,
  Expression,
  FileDeclaration,
  InterfaceDeclaration,
  Located,
  MethodDeclaration,
  ParamList,
  StructDeclaration,
} from './ast.js';
import { addErrorOn, type ErrorReporter } from './error-reporter.js';
import { expressionString } from './expression-string.js';
import {
  type BrandedDecl,
  BrandScope,
  type ImplicitParams,
  NO_IMPLICIT_PARAMS,
} from './generics.js';
import { methodParamsId } from './ids.js';
import { checkNames } from './name-check.js';
import { isResolver, type Resolver } from './resolver.js';
import type {
  Annotation,
  AnnotationTargetName,
  Brand,
  Field,
  Method,
  Node,
  SourceInfo,
  Type,
  Value,
} from './schema/model.js';
import { lgSizeOf, shortName, substitute } from './schema/types.js';
import {
  DuplicateOrdinalDetector,
  type StructNodeBuilder,
  StructTranslator,
} from './struct-translator.js';
import { type DynValue, fromSchemaValue, toSchemaValue } from './value-encoder.js';
import { ValueTranslator } from './value-translator.js';

/** The ID `-> stream` methods use as their result type (`StreamResult` of stream.capnp). */
export const STREAM_RESULT_ID = 0x995f9a3377c0b16en;

/** What the translator needs from the declaration it translates, beyond name resolution. */
export interface TranslatorResolver extends Resolver {
  /** The schema of node `id` with everything but pointer-typed values (compiling it if needed). */
  resolveBootstrapSchema(id: bigint): Node | undefined;
  /** The finished schema of node `id`. */
  resolveFinalSchema(id: bigint): Node | undefined;
  /** Any node known so far by ID, groups and parameter structs included (for values). */
  lookupNode(id: bigint): Node | undefined;
  /** Makes auxiliary nodes (groups, parameter structs) findable by ID. */
  registerAux(nodes: readonly Node[]): void;
}

/** A node with its auxiliary nodes (groups or parameter structs) and source infos. */
export interface NodeSet {
  readonly node: Node;
  readonly auxNodes: readonly Node[];
  /** The node's, then its groups', then its parameter structs'. */
  readonly sourceInfo: readonly SourceInfo[];
}

type NodeDecl =
  | FileDeclaration
  | StructDeclaration
  | EnumDeclaration
  | InterfaceDeclaration
  | ConstDeclaration
  | AnnotationDeclaration;

/** A node being built: the common fields set, the kind-specific part added by the translator. */
export type NodeBuilder = Node & Record<string, unknown>;

interface Unfinished {
  readonly source: Expression;
  readonly type: Type;
  readonly brand: Brand | null;
  readonly set: (v: Value) => void;
}

/**
 * Translates one declaration into its schema node (reference: node-translator.c++
 * `NodeTranslator`). The constructor builds the "bootstrap" node: everything except values of
 * pointer type, which need other nodes' layouts; `finish()` compiles those.
 */
export class NodeTranslator {
  readonly #localBrand: BrandScope;
  readonly #groups: { node: StructNodeBuilder; sourceInfo: SourceInfo }[] = [];
  readonly #paramStructs: { node: StructNodeBuilder; sourceInfo: SourceInfo }[] = [];
  readonly #unfinished: Unfinished[] = [];
  readonly #sourceInfo: SourceInfo;

  constructor(
    readonly resolver: TranslatorResolver,
    readonly reporter: ErrorReporter,
    readonly decl: NodeDecl,
    readonly node: NodeBuilder,
  ) {
    const paramCount = 'parameters' in decl ? (decl.parameters?.length ?? 0) : 0;
    this.#localBrand = BrandScope.forScope(reporter, node.id, paramCount, resolver);
    this.#sourceInfo = { id: node.id, docComment: null, members: null };
    this.#compileNode();
    resolver.registerAux([
      ...this.#groups.map((g) => g.node),
      ...this.#paramStructs.map((p) => p.node),
    ]);
  }

  /** The node as built so far (values of pointer type still at their defaults). */
  getBootstrapNode(): NodeSet {
    const node = this.node as Node;
    const aux = node.which === 'interface' ? this.#paramStructs : this.#groups;
    return {
      node,
      auxNodes: aux.map((a) => a.node),
      sourceInfo: [
        this.#sourceInfo,
        ...this.#groups.map((g) => g.sourceInfo),
        ...this.#paramStructs.map((p) => p.sourceInfo),
      ],
    };
  }

  /** Compiles the remaining values and returns the finished node. */
  finish(): NodeSet {
    // Compiling a value may add more unfinished values: iterate by index.
    for (let i = 0; i < this.#unfinished.length; i++) {
      const v = this.#unfinished[i] as Unfinished;
      this.#compileValue(v.source, v.type, v.brand, v.set, false);
    }
    return this.getBootstrapNode();
  }

  // ---------------------------------------------------------------------------------------------

  #compileNode(): void {
    const decl = this.decl;
    const node = this.node;
    if (decl.kind !== 'file' && decl.kind !== 'const' && decl.kind !== 'annotation') {
      checkNames(this.reporter, decl.nestedDecls, decl.kind);
    } else if (decl.kind === 'file') {
      checkNames(this.reporter, decl.nestedDecls, 'file');
    }
    const params = 'parameters' in decl ? decl.parameters : undefined;
    if (params !== undefined && params.length > 0)
      node.parameters = params.map((p) => ({ name: p.value }));
    node.isGeneric = this.#localBrand.isGeneric();

    let target: AnnotationTargetName;
    switch (decl.kind) {
      case 'file':
        (node as { which: string }).which = 'file';
        target = 'file';
        break;
      case 'const':
        this.#compileConst(decl);
        target = 'const';
        break;
      case 'annotation':
        this.#compileAnnotationDecl(decl);
        target = 'annotation';
        break;
      case 'enum':
        this.#compileEnum(decl);
        target = 'enum';
        break;
      case 'struct':
        this.#compileStruct(decl);
        target = 'struct';
        break;
      case 'interface':
        this.#compileInterface(decl);
        target = 'interface';
        break;
    }
    node.annotations = this.compileAnnotations(decl.annotations, target);
    this.#sourceInfo.id = node.id;
    if (decl.docComment !== undefined) this.#sourceInfo.docComment = decl.docComment;
  }

  #compileConst(decl: ConstDeclaration): void {
    const type = this.compileType(decl.type, NO_IMPLICIT_PARAMS);
    const constNode = {
      type: type ?? ({ which: 'void' } as Type),
      value: this.defaultDefaultValue(type ?? { which: 'void' }),
    };
    Object.assign(this.node, { which: 'const', const: constNode });
    if (type !== undefined) {
      this.compileBootstrapValue(decl.value, type, (v) => {
        constNode.value = v;
      });
    }
  }

  #compileAnnotationDecl(decl: AnnotationDeclaration): void {
    const type = this.compileType(decl.type, NO_IMPLICIT_PARAMS) ?? { which: 'void' };
    Object.assign(this.node, {
      which: 'annotation',
      annotation: { type, targets: { ...decl.targets } },
    });
  }

  #compileEnum(decl: EnumDeclaration): void {
    const entries = decl.nestedDecls
      .filter((d) => d.kind === 'enumerant')
      .map((d, codeOrder) => ({ d, codeOrder }))
      .sort((a, b) => Number(a.d.ordinal.value - b.d.ordinal.value));
    const dup = new DuplicateOrdinalDetector(this.reporter);
    this.#sourceInfo.members = [];
    const enumerants = entries.map(({ d, codeOrder }) => {
      dup.check(d.ordinal);
      (this.#sourceInfo.members as { docComment: string | null }[]).push({
        docComment: d.docComment ?? null,
      });
      return {
        name: d.name.value,
        codeOrder,
        annotations: this.compileAnnotations(d.annotations, 'enumerant'),
      };
    });
    Object.assign(this.node, { which: 'enum', enum: { enumerants } });
  }

  #newStructNode(): StructNodeBuilder['struct'] {
    return {
      dataWordCount: 0,
      pointerCount: 0,
      preferredListEncoding: 0,
      isGroup: false,
      discriminantCount: 0,
      discriminantOffset: 0,
      fields: null,
    };
  }

  #compileStruct(decl: StructDeclaration): void {
    Object.assign(this.node, { which: 'struct', struct: this.#newStructNode() });
    new StructTranslator(this.#structHost(), NO_IMPLICIT_PARAMS).translateMembers(
      decl.nestedDecls,
      this.node as StructNodeBuilder,
      this.#sourceInfo,
    );
  }

  #structHost() {
    return {
      reporter: this.reporter,
      compileType: (source: Expression, implicit: ImplicitParams) =>
        this.compileType(source, implicit),
      compileBootstrapValue: (source: Expression, type: Type, set: (v: Value) => void) =>
        this.compileBootstrapValue(source, type, set),
      defaultDefaultValue: (type: Type) => this.defaultDefaultValue(type),
      compileAnnotations: (anns: readonly AnnotationApplication[], target: AnnotationTargetName) =>
        this.compileAnnotations(anns, target),
      addGroup: (node: StructNodeBuilder, sourceInfo: SourceInfo) => {
        this.#groups.push({ node, sourceInfo });
      },
    };
  }

  #compileInterface(decl: InterfaceDeclaration): void {
    const superclasses = decl.superclasses.map((source) => {
      const superclass: { id: bigint; brand: Brand | null } = { id: 0n, brand: null };
      const d = this.compileDeclExpression(source, NO_IMPLICIT_PARAMS);
      if (d !== undefined) {
        const kind = d.getKind();
        if (kind === 'interface') {
          superclass.id = d.getIdAndFillBrand(() => {
            superclass.brand = { scopes: null };
            return superclass.brand;
          });
        } else if (kind !== undefined) {
          d.addError(this.reporter, `'${d.toString()}' is not an interface.`);
        } else {
          d.addError(
            this.reporter,
            `'${d.toString()}' is an unbound generic parameter. Currently we don't support extending these.`,
          );
        }
      }
      return superclass;
    });
    const methods: Method[] = [];
    Object.assign(this.node, { which: 'interface', interface: { methods, superclasses } });

    const entries = decl.nestedDecls
      .filter((d): d is MethodDeclaration => d.kind === 'method')
      .map((d, codeOrder) => ({ d, codeOrder }))
      .sort((a, b) => Number(a.d.ordinal.value - b.d.ordinal.value));
    const dup = new DuplicateOrdinalDetector(this.reporter);
    const members: { docComment: string | null }[] = [];
    this.#sourceInfo.members = members;
    for (const { d, codeOrder } of entries) {
      dup.check(d.ordinal);
      const ordinal = Number(d.ordinal.value) & 0xffff;
      members.push({ docComment: d.docComment ?? null });
      const implicit = d.implicitParameters ?? [];
      const method: Method = {
        name: d.name.value,
        codeOrder,
        implicitParameters: implicit.map((p) => ({ name: p.value })),
        paramStructType: 0n,
        paramBrand: null,
        resultStructType: 0n,
        resultBrand: null,
        annotations: null,
      };
      methods.push(method);
      if (d.params.kind === 'stream') {
        addErrorOn(
          this.reporter,
          d.params,
          "'stream' can only appear after '->', not before.",
          'syntax',
        );
      }
      method.paramStructType = this.#compileParamList(
        d.name.value,
        ordinal,
        false,
        d.params,
        implicit,
        () => {
          method.paramBrand = { scopes: null };
          return method.paramBrand;
        },
      );
      method.resultStructType = this.#compileParamList(
        d.name.value,
        ordinal,
        true,
        d.results,
        implicit,
        () => {
          method.resultBrand = { scopes: null };
          return method.resultBrand;
        },
      );
      method.annotations = this.compileAnnotations(d.annotations, 'method');
    }
  }

  #compileParamList(
    methodName: string,
    ordinal: number,
    isResults: boolean,
    list: ParamList | undefined,
    implicit: readonly Located<string>[],
    initBrand: () => Brand,
  ): bigint {
    const kind = list?.kind ?? 'named';
    if (kind === 'named') {
      const parent = this.node;
      const typeName = `${methodName}${isResults ? '$Results' : '$Params'}`;
      const displayName = `${parent.displayName}.${typeName}`;
      const id = methodParamsId(parent.id, ordinal, isResults);
      const node = {
        id,
        displayName,
        displayNamePrefixLength: displayName.length - typeName.length,
        scopeId: 0n,
        nestedNodes: null,
        annotations: null,
        parameters: null,
        isGeneric: parent.isGeneric || implicit.length > 0,
        which: 'struct',
        struct: this.#newStructNode(),
      } as StructNodeBuilder;
      // The reference never sets the id of these source infos (0.9.2 quirk).
      const sourceInfo: SourceInfo = { id: 0n, docComment: null, members: null };
      new StructTranslator(this.#structHost(), { scopeId: id, params: implicit }).translateParams(
        list?.kind === 'named' ? list.params : [],
        node,
        sourceInfo,
      );
      this.#paramStructs.push({ node, sourceInfo });
      if (implicit.length > 0) node.parameters = implicit.map((p) => ({ name: p.value }));
      this.#localBrand.push(id, implicit.length).compile(initBrand);
      return id;
    }
    if (list?.kind === 'type') {
      const target = this.compileDeclExpression(list.type, { scopeId: 0n, params: implicit });
      if (target === undefined) return 0n;
      const targetKind = target.getKind();
      if (targetKind === 'struct') return target.getIdAndFillBrand(initBrand);
      if (targetKind !== undefined) {
        addErrorOn(
          this.reporter,
          list.type,
          `'${expressionString(list.type)}' is not a struct type.`,
          'not-a-type',
        );
        return 0n;
      }
      target.addError(
        this.reporter,
        'Cannot use generic parameter as whole input or output of a method. Instead, use a parameter/result list containing a field with this type.',
      );
      return 0n;
    }
    // stream
    const streamCapnp = this.resolver.resolveImport('/capnp/stream.capnp');
    if (streamCapnp === undefined) {
      addErrorOn(
        this.reporter,
        list as ParamList,
        "A method declaration uses streaming, but '/capnp/stream.capnp' is not found in the import path. This is a standard file that should always be installed with the Cap'n Proto compiler.",
        'import-failed',
      );
    } else if (
      !isResolver(streamCapnp.resolver) ||
      streamCapnp.resolver.resolveMember('StreamResult') === undefined
    ) {
      addErrorOn(
        this.reporter,
        list as ParamList,
        "The version of '/capnp/stream.capnp' found in your import path does not appear to be the official one; it is missing the declaration of StreamResult.",
        'import-failed',
      );
    }
    return STREAM_RESULT_ID;
  }

  // ---------------------------------------------------------------------------------------------
  // Types and values

  compileDeclExpression(source: Expression, implicit: ImplicitParams): BrandedDecl | undefined {
    return this.#localBrand.compileDeclExpression(source, this.resolver, implicit);
  }

  compileType(source: Expression, implicit: ImplicitParams): Type | undefined {
    return this.compileDeclExpression(source, implicit)?.compileAsType(this.reporter);
  }

  /** The value a slot of `type` has without an explicit default. */
  defaultDefaultValue(type: Type): Value {
    switch (type.which) {
      case 'void':
        return { which: 'void' };
      case 'bool':
        return { which: 'bool', value: false };
      case 'int64':
      case 'uint64':
        return { which: type.which, value: 0n };
      case 'int8':
      case 'int16':
      case 'int32':
      case 'uint8':
      case 'uint16':
      case 'uint32':
      case 'float32':
      case 'float64':
        return { which: type.which, value: 0 };
      case 'enum':
        return { which: 'enum', value: 0 };
      case 'interface':
        return { which: 'interface' };
      case 'text':
      case 'data':
      case 'struct':
      case 'list':
      case 'anyPointer':
        return { which: type.which, value: null };
    }
  }

  /** Compiles a value now if it is primitive, in `finish()` if it is a pointer. */
  compileBootstrapValue(
    source: Expression,
    type: Type,
    set: (v: Value) => void,
    brand: Brand | null = null,
  ): void {
    set(this.defaultDefaultValue(type));
    if (lgSizeOf(type) === -2 && type.which !== 'text' && type.which !== 'data') {
      this.#unfinished.push({ source, type, brand, set });
    } else {
      this.#compileValue(source, type, brand, set, true);
    }
  }

  #compileValue(
    source: Expression,
    type: Type,
    brand: Brand | null,
    set: (v: Value) => void,
    isBootstrap: boolean,
  ): void {
    const resolved = substitute(type, brand);
    const translator = new ValueTranslator({
      reporter: this.reporter,
      lookup: (id) => this.resolver.lookupNode(id),
      resolveConstant: (src) => this.#readConstant(src, isBootstrap),
      readEmbed: (path) => {
        const bytes = this.resolver.readEmbed(path.value);
        if (bytes === undefined) {
          addErrorOn(
            this.reporter,
            path,
            `Couldn't read file for embed: ${path.value}`,
            'import-failed',
          );
        }
        return bytes;
      },
    });
    const value = translator.compileValue(source, resolved);
    if (value !== undefined) set(toSchemaValue(resolved, value));
  }

  #readConstant(source: Expression, isBootstrap: boolean): DynValue | undefined {
    const decl = this.compileDeclExpression(source, NO_IMPLICIT_PARAMS);
    if (decl === undefined) return undefined;
    if (decl.getKind() !== 'const') {
      addErrorOn(
        this.reporter,
        source,
        `'${expressionString(source)}' does not refer to a constant.`,
        'type-mismatch',
      );
      return undefined;
    }
    let constBrand: Brand | null = null;
    const id = decl.getIdAndFillBrand(() => {
      constBrand = { scopes: null };
      return constBrand;
    });
    const bootstrap = this.resolver.resolveBootstrapSchema(id);
    if (bootstrap === undefined) return undefined;
    const proto = isBootstrap ? bootstrap : this.resolver.resolveFinalSchema(id);
    if (proto?.which !== 'const') return undefined;
    const result = fromSchemaValue(substitute(proto.const.type, constBrand), proto.const.value);
    if (source.kind === 'relativeName') {
      const scope = this.resolver.resolveBootstrapSchema(proto.scopeId);
      if (scope !== undefined) {
        const parent = scope.which === 'file' ? '' : shortName(scope);
        const name = source.name.value;
        addErrorOn(
          this.reporter,
          source,
          `Constant names must be qualified to avoid confusion.  Please replace '${expressionString(source)}' with '${parent}.${name}', if that's what you intended.`,
          'type-mismatch',
        );
      }
    }
    return result;
  }

  // ---------------------------------------------------------------------------------------------
  // Annotations

  /** Compiles annotation applications for a declaration of kind `target`; null if none. */
  compileAnnotations(
    annotations: readonly AnnotationApplication[],
    target: AnnotationTargetName,
  ): Annotation[] | null {
    if (annotations.length === 0) return null;
    return annotations.map((application) => {
      const annotation: Annotation = { id: 0n, brand: { scopes: null }, value: { which: 'void' } };
      const name = application.name;
      const decl = this.compileDeclExpression(name, NO_IMPLICIT_PARAMS);
      if (decl === undefined) return annotation;
      if (decl.getKind() !== 'annotation') {
        addErrorOn(
          this.reporter,
          name,
          `'${expressionString(name)}' is not an annotation.`,
          'annotation',
        );
        return annotation;
      }
      annotation.id = decl.getIdAndFillBrand(() => annotation.brand);
      const schema = this.resolver.resolveBootstrapSchema(annotation.id);
      if (schema?.which !== 'annotation') return annotation;
      if (!schema.annotation.targets[target]) {
        addErrorOn(
          this.reporter,
          name,
          `'${expressionString(name)}' cannot be applied to this kind of declaration.`,
          'annotation',
        );
      }
      const type = schema.annotation.type;
      if (application.value === undefined) {
        if (type.which === 'void') annotation.value = { which: 'void' };
        else {
          addErrorOn(
            this.reporter,
            name,
            `'${expressionString(name)}' requires a value.`,
            'annotation',
          );
          annotation.value = this.defaultDefaultValue(type);
        }
      } else {
        this.compileBootstrapValue(
          application.value,
          type,
          (v) => {
            annotation.value = v;
          },
          annotation.brand,
        );
      }
      return annotation;
    });
  }
}

/** A field of the schema being built is a slot. */
export function isSlot(field: Field): field is Field & { which: 'slot' } {
  return field.which === 'slot';
}
