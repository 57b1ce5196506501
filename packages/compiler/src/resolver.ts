import { type Builtin, type BuiltinKind, builtin } from './builtins.js';
import type { Brand } from './schema/model.js';

/** Kinds of declaration a name can resolve to. */
export type DeclKind =
  | 'file'
  | 'struct'
  | 'enum'
  | 'interface'
  | 'const'
  | 'annotation'
  | BuiltinKind;

/** What a name resolved to: a declaration (node or builtin) ... */
export interface ResolvedDecl {
  readonly type: 'decl';
  readonly id: bigint;
  readonly genericParamCount: number;
  /** ID of the declaration's lexical parent (0 for files and builtins). */
  readonly scopeId: bigint;
  readonly kind: DeclKind;
  /** Where the declaration's own members are looked up. */
  readonly resolver: Resolver | Builtin;
  /** Bindings carried by a `using` alias such as `using T = Box(Text);`. */
  readonly brand?: Brand;
}

/** ... or a generic parameter of an enclosing declaration. */
export interface ResolvedParameter {
  readonly type: 'parameter';
  /** The declaring node (0 for a method's implicit parameter). */
  readonly id: bigint;
  readonly index: number;
}

export type ResolveResult = ResolvedDecl | ResolvedParameter;

/** A scope in which names are looked up (a declaration of a schema file). */
export interface Resolver {
  /** Looks `name` up here, then in generic parameters, then in enclosing scopes, then builtins. */
  resolve(name: string): ResolveResult | undefined;
  /** Looks `name` up among this declaration's own members (nested declarations and aliases). */
  resolveMember(name: string): ResolveResult | undefined;
  /** The enclosing declaration. */
  getParent(): ResolvedDecl | undefined;
  /** The file this declaration is in. */
  getTopScope(): ResolvedDecl;
  /** The root of an imported file. */
  resolveImport(name: string): ResolvedDecl | undefined;
  /** The bytes of an embedded file. */
  readEmbed(name: string): Uint8Array | undefined;
  /** The declaration with a known node ID (anywhere in the compile). */
  resolveId(id: bigint): ResolvedDecl | undefined;
}

/** True if `r` is a resolver of a schema declaration (not a builtin). */
export function isResolver(r: Resolver | Builtin): r is Resolver {
  return 'resolve' in r;
}

/** The resolved form of a builtin declaration. */
export function resolveBuiltin(kind: BuiltinKind): ResolvedDecl {
  const b = builtin(kind);
  return {
    type: 'decl',
    id: b.id,
    genericParamCount: b.genericParamCount,
    scopeId: 0n,
    kind,
    resolver: b,
  };
}
