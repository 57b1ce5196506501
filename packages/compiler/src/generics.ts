import type { Expression, Located } from './ast.js';
import { addErrorOn, type ErrorReporter } from './error-reporter.js';
import { expressionString } from './expression-string.js';
import {
  type DeclKind,
  isResolver,
  type ResolvedDecl,
  type ResolveResult,
  type Resolver,
  resolveBuiltin,
} from './resolver.js';
import type { Brand, BrandScope as SchemaBrandScope, Type } from './schema/model.js';

/**
 * Generics: what a type expression such as `Box(Text).Inner` denotes, with the bindings of each
 * generic scope it passes through (the reference's generics.c++ `BrandedDecl`/`BrandScope`).
 */

/**
 * The implicit parameters (`[T]`) of the method being compiled. `scopeId` 0 makes references to
 * them compile to `implicitMethodParameter`; otherwise to `parameter` of that scope (inside the
 * struct generated for the method's parameter list).
 */
export interface ImplicitParams {
  readonly scopeId: bigint;
  readonly params: readonly Located<string>[];
}

export const NO_IMPLICIT_PARAMS: ImplicitParams = { scopeId: 0n, params: [] };

/** Kinds of declaration that may bind a generic parameter ("pointer types"). */
const POINTER_KINDS = new Set<DeclKind>([
  'list',
  'text',
  'data',
  'anyPointer',
  'struct',
  'interface',
]);

/** A declaration together with the generic bindings in effect for it. */
export class BrandedDecl {
  constructor(
    readonly body: ResolveResult,
    /** Undefined for a generic parameter. */
    readonly brand: BrandScope | undefined,
    /** The expression it came from (errors are reported there; undefined → 0–0). */
    readonly source: Expression | undefined,
  ) {}

  static implicitMethodParam(index: number): BrandedDecl {
    return new BrandedDecl({ type: 'parameter', id: 0n, index }, undefined, undefined);
  }

  /** The declaration's kind, or undefined if this is an unbound generic parameter. */
  getKind(): DeclKind | undefined {
    return this.body.type === 'decl' ? this.body.kind : undefined;
  }

  addError(reporter: ErrorReporter, message: string): void {
    if (this.source) addErrorOn(reporter, this.source, message);
    else reporter.addError(0, 0, message);
  }

  toString(): string {
    return this.source ? expressionString(this.source) : '';
  }

  /** This generic declaration applied to `params`, as in `Box(Text)`. */
  applyParams(params: BrandedDecl[], subSource: Expression): BrandedDecl | undefined {
    if (this.body.type === 'parameter' || this.brand === undefined) return undefined;
    const scope = this.brand.setParams(params, this.body.kind, subSource);
    return scope === undefined ? undefined : new BrandedDecl(this.body, scope, subSource);
  }

  /** The member `name` of this declaration, with this declaration's bindings in scope. */
  getMember(name: string, subSource: Expression): BrandedDecl | undefined {
    if (this.body.type === 'parameter' || this.brand === undefined) return undefined;
    const resolver = this.body.resolver;
    if (!isResolver(resolver)) return undefined;
    const r = resolver.resolveMember(name);
    return r === undefined ? undefined : this.brand.interpretResolve(resolver, r, subSource);
  }

  /** The node ID; calls `initBrand` (and fills the brand) only if there are bindings to write. */
  getIdAndFillBrand(initBrand: () => Brand): bigint {
    if (this.body.type !== 'decl' || this.brand === undefined) {
      throw new Error('getIdAndFillBrand on a generic parameter');
    }
    this.brand.compile(initBrand);
    return this.body.id;
  }

  /** The parameter of a `List(...)`, if exactly one was given. */
  getListParam(): BrandedDecl | undefined {
    if (this.body.type !== 'decl' || this.brand === undefined) return undefined;
    const params = this.brand.getParams(this.body.id);
    return params !== undefined && params.length === 1 ? params[0] : undefined;
  }

  /** This declaration as a schema Type; reports why not and returns undefined on failure. */
  compileAsType(reporter: ErrorReporter): Type | undefined {
    const body = this.body;
    if (body.type === 'parameter') {
      if (body.id === 0n) {
        return {
          which: 'anyPointer',
          anyPointer: { which: 'implicitMethodParameter', parameterIndex: body.index },
        };
      }
      return {
        which: 'anyPointer',
        anyPointer: { which: 'parameter', scopeId: body.id, parameterIndex: body.index },
      };
    }
    switch (body.kind) {
      case 'enum':
      case 'struct':
      case 'interface': {
        let brand: Brand | null = null;
        const typeId = this.getIdAndFillBrand(() => {
          brand = { scopes: null };
          return brand;
        });
        return { which: body.kind, typeId, brand };
      }
      case 'list': {
        const param = this.getListParam();
        if (param === undefined) {
          this.addError(reporter, "'List' requires exactly one parameter.");
          return undefined;
        }
        const elementType = param.compileAsType(reporter);
        if (elementType === undefined) return undefined;
        if (elementType.which === 'anyPointer') {
          // The reference reads the unconstrained kind without checking which AnyPointer variant
          // this is; for a generic parameter the same bits hold the parameter index, so
          // `List(T)` of parameter 0 counts as List(AnyPointer) and of parameter 1 as
          // List(AnyStruct).
          const ap = elementType.anyPointer;
          const kind =
            ap.which === 'unconstrained'
              ? ap.kind
              : (['anyKind', 'struct', 'list', 'capability'][ap.parameterIndex] ?? 'other');
          if (kind === 'anyKind') {
            this.addError(reporter, "'List(AnyPointer)' is not supported.");
            return undefined;
          }
          if (kind === 'struct') {
            this.addError(reporter, "'List(AnyStruct)' is not supported.");
            return undefined;
          }
        }
        return { which: 'list', elementType };
      }
      case 'void':
      case 'bool':
      case 'int8':
      case 'int16':
      case 'int32':
      case 'int64':
      case 'uint8':
      case 'uint16':
      case 'uint32':
      case 'uint64':
      case 'float32':
      case 'float64':
      case 'text':
      case 'data':
        return { which: body.kind };
      case 'object':
        this.addError(
          reporter,
          "As of Cap'n Proto 0.4, 'Object' has been renamed to 'AnyPointer'.  Sorry for the inconvenience, and thanks for being an early adopter.  :)",
        );
        return { which: 'anyPointer', anyPointer: { which: 'unconstrained', kind: 'anyKind' } };
      case 'anyPointer':
        return { which: 'anyPointer', anyPointer: { which: 'unconstrained', kind: 'anyKind' } };
      case 'anyStruct':
        return { which: 'anyPointer', anyPointer: { which: 'unconstrained', kind: 'struct' } };
      case 'anyList':
        return { which: 'anyPointer', anyPointer: { which: 'unconstrained', kind: 'list' } };
      case 'capability':
        return { which: 'anyPointer', anyPointer: { which: 'unconstrained', kind: 'capability' } };
      case 'file':
      case 'const':
      case 'annotation':
        this.addError(reporter, `'${this.toString()}' is not a type.`);
        return undefined;
    }
  }

  /** Back into a resolve result (for `using` aliases), its bindings written into a Brand. */
  asResolveResult(scopeId: bigint): ResolveResult {
    const body = this.body;
    if (body.type !== 'decl') return body;
    let brand: Brand | undefined;
    this.getIdAndFillBrand(() => {
      brand = { scopes: null };
      return brand;
    });
    return brand === undefined ? { ...body, scopeId } : { ...body, scopeId, brand };
  }
}

/**
 * The generic bindings of a chain of lexical scopes, innermost (`leafId`) first. A scope is
 * "inherited" while the declaration that owns it is being compiled: its parameters stay
 * parameters instead of being bound.
 */
export class BrandScope {
  parent: BrandScope | undefined;
  params: BrandedDecl[] = [];

  private constructor(
    readonly reporter: ErrorReporter,
    readonly leafId: bigint,
    public leafParamCount: number,
    public inherited: boolean,
  ) {}

  /** The scopes of `scope` and its lexical parents, all inherited (nothing bound yet). */
  static forScope(
    reporter: ErrorReporter,
    scopeId: bigint,
    paramCount: number,
    scope: Resolver,
  ): BrandScope {
    const result = new BrandScope(reporter, scopeId, paramCount, true);
    const parent = scope.getParent();
    if (parent !== undefined && isResolver(parent.resolver)) {
      result.parent = BrandScope.forScope(
        reporter,
        parent.id,
        parent.genericParamCount,
        parent.resolver,
      );
    }
    return result;
  }

  /** A scope with no parent and no parameters. */
  static root(reporter: ErrorReporter, scopeId: bigint): BrandScope {
    return new BrandScope(reporter, scopeId, 0, false);
  }

  isGeneric(): boolean {
    return this.leafParamCount > 0 || (this.parent?.isGeneric() ?? false);
  }

  /** A child scope for the nested declaration `typeId` (unbound). */
  push(typeId: bigint, paramCount: number): BrandScope {
    const child = new BrandScope(this.reporter, typeId, paramCount, false);
    child.parent = this;
    return child;
  }

  /** This scope with its parameters bound to `params`; reports and returns undefined on misuse. */
  setParams(params: BrandedDecl[], kind: DeclKind, source: Expression): BrandScope | undefined {
    if (this.params.length !== 0) {
      addErrorOn(this.reporter, source, 'Double-application of generic parameters.', 'generic');
      return undefined;
    }
    if (params.length > this.leafParamCount) {
      addErrorOn(
        this.reporter,
        source,
        this.leafParamCount === 0
          ? 'Declaration does not accept generic parameters.'
          : 'Too many generic parameters.',
        'generic',
      );
      return undefined;
    }
    if (params.length < this.leafParamCount) {
      addErrorOn(this.reporter, source, 'Not enough generic parameters.', 'generic');
      return undefined;
    }
    if (kind !== 'list') {
      for (const param of params) {
        const k = param.getKind();
        if (k !== undefined && !POINTER_KINDS.has(k)) {
          param.addError(
            this.reporter,
            'Sorry, only pointer types can be used as generic parameters.',
          );
        }
      }
    }
    const result = new BrandScope(this.reporter, this.leafId, this.leafParamCount, false);
    result.parent = this.parent;
    result.params = params;
    return result;
  }

  /** The scope of `newLeafId` among this scope and its parents (a fresh root if none). */
  pop(newLeafId: bigint): BrandScope {
    if (this.leafId === newLeafId) return this;
    if (this.parent !== undefined) return this.parent.pop(newLeafId);
    return BrandScope.root(this.reporter, newLeafId);
  }

  /**
   * The binding of parameter `index` of scope `scopeId`: undefined if that scope is inherited
   * (still a parameter), AnyPointer if it was left unbound.
   */
  lookupParameter(resolver: Resolver, scopeId: bigint, index: number): BrandedDecl | undefined {
    if (scopeId === this.leafId) {
      if (index < this.params.length) return this.params[index];
      if (this.inherited) return undefined;
      const decl = resolveBuiltin('anyPointer');
      return new BrandedDecl(decl, this.evaluateBrand(resolver, decl, []), undefined);
    }
    return this.parent?.lookupParameter(resolver, scopeId, index);
  }

  /** All bindings of scope `scopeId`, or undefined if it is inherited. */
  getParams(scopeId: bigint): BrandedDecl[] | undefined {
    if (scopeId === this.leafId) return this.inherited ? undefined : this.params;
    return this.parent?.getParams(scopeId);
  }

  /** Interprets a resolved name within this scope (parameters become their bindings). */
  interpretResolve(
    resolver: Resolver,
    result: ResolveResult,
    source: Expression | undefined,
  ): BrandedDecl {
    if (result.type === 'decl') {
      let scope = this.pop(result.scopeId);
      scope =
        result.brand !== undefined
          ? scope.evaluateBrand(resolver, result, result.brand.scopes ?? [])
          : scope.push(result.id, result.genericParamCount);
      return new BrandedDecl(result, scope, source);
    }
    return (
      this.lookupParameter(resolver, result.id, result.index) ??
      new BrandedDecl(result, undefined, source)
    );
  }

  /** The scopes of `decl` and its parents with the bindings a schema Brand gives them. */
  evaluateBrand(
    resolver: Resolver,
    decl: ResolvedDecl,
    scopes: readonly SchemaBrandScope[],
    index = 0,
  ): BrandScope {
    const result = BrandScope.root(this.reporter, decl.id);
    result.leafParamCount = decl.genericParamCount;
    const next = scopes[index];
    if (next !== undefined && next.scopeId === decl.id) {
      if (next.which === 'bind') {
        result.params = next.bind.map((binding) =>
          binding.which === 'unbound'
            ? new BrandedDecl(
                resolveBuiltin('anyPointer'),
                BrandScope.root(this.reporter, 0n),
                undefined,
              )
            : this.decompileType(resolver, binding.type),
        );
      } else {
        const inheritedParams = this.getParams(decl.id);
        if (inheritedParams !== undefined) result.params = [...inheritedParams];
        else result.inherited = true;
      }
      index++;
    }
    if (isResolver(decl.resolver)) {
      const parent = decl.resolver.getParent();
      if (parent !== undefined) result.parent = this.evaluateBrand(resolver, parent, scopes, index);
    }
    return result;
  }

  /** A schema Type back into a branded declaration. */
  decompileType(resolver: Resolver, type: Type): BrandedDecl {
    const builtinDecl = (kind: Parameters<typeof resolveBuiltin>[0]): BrandedDecl => {
      const decl = resolveBuiltin(kind);
      return new BrandedDecl(decl, this.evaluateBrand(resolver, decl, []), undefined);
    };
    switch (type.which) {
      case 'enum':
      case 'struct':
      case 'interface': {
        const decl = resolver.resolveId(type.typeId);
        if (decl === undefined) return builtinDecl('anyPointer');
        return new BrandedDecl(
          decl,
          this.evaluateBrand(resolver, decl, type.brand?.scopes ?? []),
          undefined,
        );
      }
      case 'list': {
        const element = this.decompileType(resolver, type.elementType);
        const list = builtinDecl('list');
        return list.brand?.setParamsQuiet([element]) ?? list;
      }
      case 'anyPointer': {
        const ap = type.anyPointer;
        if (ap.which === 'parameter') {
          return (
            this.lookupParameter(resolver, ap.scopeId, ap.parameterIndex) ??
            new BrandedDecl(
              { type: 'parameter', id: ap.scopeId, index: ap.parameterIndex },
              undefined,
              undefined,
            )
          );
        }
        return builtinDecl('anyPointer');
      }
      default:
        return builtinDecl(type.which);
    }
  }

  /** `List`'s element binding, applied without the checks (it was checked when compiled). */
  setParamsQuiet(params: BrandedDecl[]): BrandedDecl {
    const scope = new BrandScope(this.reporter, this.leafId, this.leafParamCount, false);
    scope.parent = this.parent;
    scope.params = params;
    return new BrandedDecl(resolveBuiltin('list'), scope, undefined);
  }

  /** The schema Brand of this chain; `initBrand` is called only if something is bound. */
  compile(initBrand: () => Brand): void {
    const levels: BrandScope[] = [];
    for (let s: BrandScope | undefined = this; s !== undefined; s = s.parent) {
      if (s.params.length > 0 || (s.inherited && s.leafParamCount > 0)) levels.push(s);
    }
    if (levels.length === 0) return;
    const brand = initBrand();
    brand.scopes = levels.map((level): SchemaBrandScope => {
      if (level.inherited) return { scopeId: level.leafId, which: 'inherit' };
      return {
        scopeId: level.leafId,
        which: 'bind',
        bind: level.params.map((p) => ({
          which: 'type',
          type: p.compileAsType(this.reporter) ?? { which: 'void' },
        })),
      };
    });
  }

  /** Interprets a type or name expression within this scope; reports failures. */
  compileDeclExpression(
    source: Expression,
    resolver: Resolver,
    implicit: ImplicitParams,
  ): BrandedDecl | undefined {
    switch (source.kind) {
      case 'unknown':
        return undefined;
      case 'positiveInt':
      case 'negativeInt':
      case 'float':
      case 'string':
      case 'binary':
      case 'list':
      case 'tuple':
      case 'embed':
        addErrorOn(this.reporter, source, 'Expected name.', 'not-a-type');
        return undefined;
      case 'relativeName': {
        const name = source.name.value;
        const i = implicit.params.findIndex((p) => p.value === name);
        if (i >= 0) {
          return implicit.scopeId === 0n
            ? BrandedDecl.implicitMethodParam(i)
            : new BrandedDecl(
                { type: 'parameter', id: implicit.scopeId, index: i },
                undefined,
                undefined,
              );
        }
        const r = resolver.resolve(name);
        if (r === undefined) {
          addErrorOn(this.reporter, source.name, `Not defined: ${name}`, 'not-defined');
          return undefined;
        }
        return this.interpretResolve(resolver, r, source);
      }
      case 'absoluteName': {
        const top = resolver.getTopScope().resolver;
        const r = isResolver(top) ? top.resolveMember(source.name.value) : undefined;
        if (r === undefined) {
          addErrorOn(
            this.reporter,
            source.name,
            `Not defined: ${source.name.value}`,
            'not-defined',
          );
          return undefined;
        }
        return this.interpretResolve(resolver, r, source);
      }
      case 'import': {
        const decl = resolver.resolveImport(source.path.value);
        if (decl === undefined || !isResolver(decl.resolver)) {
          addErrorOn(
            this.reporter,
            source.path,
            `Import failed: ${source.path.value}`,
            'import-failed',
          );
          return undefined;
        }
        return new BrandedDecl(
          decl,
          BrandScope.forScope(this.reporter, decl.id, decl.genericParamCount, decl.resolver),
          source,
        );
      }
      case 'application': {
        const decl = this.compileDeclExpression(source.function, resolver, implicit);
        if (decl === undefined) return undefined;
        const params: BrandedDecl[] = [];
        let failed = false;
        for (const param of source.params) {
          if (param.name) {
            addErrorOn(this.reporter, param.name, 'Named parameter not allowed here.', 'generic');
          }
          const d = this.compileDeclExpression(param.value, resolver, implicit);
          if (d === undefined) failed = true;
          else params.push(d);
        }
        if (failed) return decl;
        return decl.applyParams(params, source) ?? decl;
      }
      case 'member': {
        const decl = this.compileDeclExpression(source.parent, resolver, implicit);
        if (decl === undefined) return undefined;
        const member = decl.getMember(source.name.value, source);
        if (member === undefined) {
          addErrorOn(
            this.reporter,
            source.name,
            `'${expressionString(source.parent)}' has no member named '${source.name.value}'`,
            'not-defined',
          );
          return undefined;
        }
        return member;
      }
    }
  }
}
