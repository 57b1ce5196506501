/**
 * The syntax tree of a schema file, as the parser produces it: the same information the reference
 * compiler's parser records (its `grammar.capnp`), typed for TypeScript.
 *
 * Locations are UTF-16 offsets into `SourceFile.text`, `end` exclusive. They are the reference's
 * locations, because later stages report errors at them and must print the same columns; where
 * the reference has an odd location this says so (search for "quirk").
 */

/** A value with the location of the token(s) it came from. */
export interface Located<T> {
  readonly value: T;
  readonly start: number;
  readonly end: number;
}

/** What every syntax node carries: where it is. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

// =================================================================================================
// Expressions

/**
 * An expression: a type, a value, or the name of something (an annotation, a constant).
 * Discriminated by `kind`.
 */
export type Expression =
  | UnknownExpression
  | PositiveIntExpression
  | NegativeIntExpression
  | FloatExpression
  | StringExpression
  | BinaryExpression
  | RelativeNameExpression
  | AbsoluteNameExpression
  | ImportExpression
  | EmbedExpression
  | ListExpression
  | TupleExpression
  | ApplicationExpression
  | MemberExpression;

/**
 * Stands in for a list element that failed to parse (a parse error was reported for it). Later
 * stages skip it. Quirk: the reference gives it no location, so `start` = `end` = 0.
 */
export interface UnknownExpression extends Span {
  readonly kind: 'unknown';
}

/** A non-negative integer literal, e.g. `42`, `0x2a`, `052`. Wraps modulo 2^64 like the reference. */
export interface PositiveIntExpression extends Span {
  readonly kind: 'positiveInt';
  readonly value: bigint;
}

/**
 * `-` followed by an integer literal; `value` is the magnitude (so `-0` stays distinguishable).
 * Quirk: the location covers the literal only, not the `-`.
 */
export interface NegativeIntExpression extends Span {
  readonly kind: 'negativeInt';
  readonly value: bigint;
}

/**
 * A floating-point literal, possibly negated (`-1.5`, `-inf`). Quirk: for `-1.5` the location
 * covers the literal only; for `-inf` it covers both tokens. A plain `inf` or `nan` is a
 * {@link RelativeNameExpression}, not a float.
 */
export interface FloatExpression extends Span {
  readonly kind: 'float';
  readonly value: number;
}

/**
 * One or more adjacent string literals, concatenated. `bytes` is exact (escapes such as `\xff`
 * may produce bytes that are not UTF-8); `value` is `bytes` decoded as UTF-8 (malformed → U+FFFD).
 */
export interface StringExpression extends Span {
  readonly kind: 'string';
  readonly value: string;
  readonly bytes: Uint8Array;
}

/** A binary literal, `0x"de ad be ef"`. */
export interface BinaryExpression extends Span {
  readonly kind: 'binary';
  readonly value: Uint8Array;
}

/** A plain identifier, looked up from the current scope outwards (also `true`, `inf`, …). */
export interface RelativeNameExpression extends Span {
  readonly kind: 'relativeName';
  readonly name: Located<string>;
}

/** `.name`: looked up in the file's top-level scope. The location includes the dot. */
export interface AbsoluteNameExpression extends Span {
  readonly kind: 'absoluteName';
  readonly name: Located<string>;
}

/** `import "path"`; `path` is located at the string literal. */
export interface ImportExpression extends Span {
  readonly kind: 'import';
  readonly path: Located<string>;
}

/** `embed "path"`; `path` is located at the string literal. */
export interface EmbedExpression extends Span {
  readonly kind: 'embed';
  readonly path: Located<string>;
}

/** `[a, b, c]`; located at the brackets. */
export interface ListExpression extends Span {
  readonly kind: 'list';
  readonly elements: readonly Expression[];
}

/**
 * `(a, b)` or `(x = 1, y = 2)`; located at the parentheses. A parenthesized single unnamed value
 * `(a)` is never a tuple: it parses as `a` itself.
 */
export interface TupleExpression extends Span {
  readonly kind: 'tuple';
  readonly elements: readonly TupleElement[];
}

/**
 * One element of a tuple or of an application's argument list: `value` or `name = value`.
 * Located from the name (or the value) to the end of the value.
 */
export interface TupleElement extends Span {
  readonly name: Located<string> | undefined;
  readonly value: Expression;
}

/**
 * `function(params)`: a generic brand such as `List(Text)` or `Map(Text, Data)`. Located from the
 * start of `function` to the closing parenthesis.
 */
export interface ApplicationExpression extends Span {
  readonly kind: 'application';
  readonly function: Expression;
  readonly params: readonly TupleElement[];
}

/** `parent.name`. Located from the start of `parent` to the end of `name`. */
export interface MemberExpression extends Span {
  readonly kind: 'member';
  readonly parent: Expression;
  readonly name: Located<string>;
}

// =================================================================================================
// Declarations

/**
 * `$name`, `$name(value)` or `$name(field = value, …)`, applied to a declaration. Located from the
 * `$` to the end of the application.
 */
export interface AnnotationApplication extends Span {
  /** The annotation: any expression (`foo`, `Outer.foo`, `import "x.capnp".foo`). */
  readonly name: Expression;
  /**
   * `undefined` for `$name`; the value for `$name(value)`; a {@link TupleExpression} for
   * `$name(a = 1, b = 2)`, `$name()` or `$name(1, 2)`. Quirk: that tuple has `start` = `end` =
   * 0, as in the reference (whose errors about it print at 1:1).
   */
  readonly value: Expression | undefined;
}

/** What every declaration records besides its kind-specific parts. */
export interface DeclarationCommon extends Span {
  /**
   * The declared name, located at its token. An unnamed union's name is `''`, located at the
   * `union` keyword. Quirk: a `using` without `=` whose target is not `X.Member` (an error) has
   * the name `''` at 0–0.
   */
  readonly name: Located<string>;
  /**
   * The doc comment: the comment lines right after the statement's `;`, after its `{`, or else
   * after its closing `}`; each line without `#` and one following space, ending with `\n`.
   */
  readonly docComment: string | undefined;
  /** Annotations applied to the declaration, in source order. */
  readonly annotations: readonly AnnotationApplication[];
}

/** The whole file: `@0x…;`, file-level `$annotation;` statements and top-level declarations. */
export interface FileDeclaration extends Span {
  readonly kind: 'file';
  /** The file ID from `@0x…;`, located at the integer; `undefined` if the file declares none. */
  readonly id: Located<bigint> | undefined;
  /** The doc comment after the `@0x…;` statement. */
  readonly docComment: string | undefined;
  readonly annotations: readonly AnnotationApplication[];
  readonly nestedDecls: readonly NestedDeclaration[];
}

/** Declarations that may appear in a file, struct, interface (and, syntactically, groups/unions). */
export type NestedDeclaration =
  | UsingDeclaration
  | ConstDeclaration
  | AnnotationDeclaration
  | EnumDeclaration
  | StructDeclaration
  | InterfaceDeclaration;

/** What the parser accepts inside a struct, union or group block. */
export type StructMember =
  | FieldDeclaration
  | UnionDeclaration
  | GroupDeclaration
  | NestedDeclaration;

/** What the parser accepts inside an interface block. */
export type InterfaceMember = MethodDeclaration | NestedDeclaration;

/** Any declaration, including the file itself. */
export type Declaration =
  | FileDeclaration
  | NestedDeclaration
  | EnumerantDeclaration
  | FieldDeclaration
  | UnionDeclaration
  | GroupDeclaration
  | MethodDeclaration;

/**
 * `using Name = target;` or `using target;` where target is `X.Member` (then the name is
 * `Member`, located there).
 */
export interface UsingDeclaration extends DeclarationCommon {
  readonly kind: 'using';
  readonly target: Expression;
}

/** `const name @0x… :Type = value $annotations;` */
export interface ConstDeclaration extends DeclarationCommon {
  readonly kind: 'const';
  /** The explicit ID (`@0x…`), located at the integer. */
  readonly id: Located<bigint> | undefined;
  readonly type: Expression;
  readonly value: Expression;
}

/** The kinds of declaration an annotation may target, as named in `annotation x(…)`. */
export type AnnotationTarget =
  | 'file'
  | 'const'
  | 'enum'
  | 'enumerant'
  | 'struct'
  | 'field'
  | 'union'
  | 'group'
  | 'interface'
  | 'method'
  | 'param'
  | 'annotation';

/** `annotation name @0x… (targets) :Type $annotations;` */
export interface AnnotationDeclaration extends DeclarationCommon {
  readonly kind: 'annotation';
  readonly id: Located<bigint> | undefined;
  /** Which targets are allowed (`*` allows all). */
  readonly targets: { readonly [K in AnnotationTarget]: boolean };
  /** The target names as written (including `*`), located; items that failed to parse are left out. */
  readonly targetNames: readonly Located<string>[];
  readonly type: Expression;
}

/** `enum Name @0x… $annotations { enumerants }` */
export interface EnumDeclaration extends DeclarationCommon {
  readonly kind: 'enum';
  readonly id: Located<bigint> | undefined;
  readonly nestedDecls: readonly EnumerantDeclaration[];
}

/** `name @ordinal $annotations;` inside an enum. */
export interface EnumerantDeclaration extends DeclarationCommon {
  readonly kind: 'enumerant';
  /** Located at the integer after `@`. */
  readonly ordinal: Located<bigint>;
}

/** `struct Name @0x… (T, U) $annotations { members }` */
export interface StructDeclaration extends DeclarationCommon {
  readonly kind: 'struct';
  readonly id: Located<bigint> | undefined;
  /**
   * Generic parameter names, or `undefined` if the struct has no parameter list. A parameter that
   * failed to parse is `''` at 0–0 (the reference's empty parameter).
   */
  readonly parameters: readonly Located<string>[] | undefined;
  /** Fields, unions, groups and nested declarations, in source order. */
  readonly nestedDecls: readonly StructMember[];
}

/** `name @ordinal :Type = default $annotations;` */
export interface FieldDeclaration extends DeclarationCommon {
  readonly kind: 'field';
  readonly ordinal: Located<bigint>;
  readonly type: Expression;
  readonly defaultValue: Expression | undefined;
}

/**
 * `name :union $annotations { … }`, `name @n! :union { … }` (retroactive unionization) or an
 * unnamed `union { … }` (name `''`, no annotations).
 */
export interface UnionDeclaration extends DeclarationCommon {
  readonly kind: 'union';
  /** The `@n` of `name @n! :union`. */
  readonly ordinal: Located<bigint> | undefined;
  readonly nestedDecls: readonly StructMember[];
}

/** `name :group $annotations { … }` */
export interface GroupDeclaration extends DeclarationCommon {
  readonly kind: 'group';
  readonly nestedDecls: readonly StructMember[];
}

/** `interface Name @0x… (T) extends(A, B) $annotations { methods and declarations }` */
export interface InterfaceDeclaration extends DeclarationCommon {
  readonly kind: 'interface';
  readonly id: Located<bigint> | undefined;
  /** Generic parameter names; see {@link StructDeclaration.parameters}. */
  readonly parameters: readonly Located<string>[] | undefined;
  /** The expressions of `extends(…)`; empty without `extends`. Failed items are `unknown`. */
  readonly superclasses: readonly Expression[];
  readonly nestedDecls: readonly InterfaceMember[];
}

/** `name @ordinal [T, U] params -> results $annotations;` */
export interface MethodDeclaration extends DeclarationCommon {
  readonly kind: 'method';
  readonly ordinal: Located<bigint>;
  /** Implicit generic parameters `[T, U]`, or `undefined`; failed items as in `parameters`. */
  readonly implicitParameters: readonly Located<string>[] | undefined;
  readonly params: ParamList;
  /** `undefined` when there is no `->`. */
  readonly results: ParamList | undefined;
}

/** A method's parameters or results. */
export type ParamList = NamedParamList | TypeParamList | StreamParamList;

/** `(a :T, b :U = 1)`; located at the parentheses. */
export interface NamedParamList extends Span {
  readonly kind: 'named';
  readonly params: readonly Param[];
}

/** A struct type used as the whole parameter or result list, e.g. `Foo` or `Box(Text)`. */
export interface TypeParamList extends Span {
  readonly kind: 'type';
  readonly type: Expression;
}

/** The keyword `stream`; located at it. */
export interface StreamParamList extends Span {
  readonly kind: 'stream';
}

/**
 * `name :Type = default $annotations` in a named parameter list; located from its first to its
 * last token. A parameter that failed to parse has the name `''` and an `unknown` type, all at 0–0.
 */
export interface Param extends Span {
  readonly name: Located<string>;
  readonly type: Expression;
  readonly defaultValue: Expression | undefined;
  readonly annotations: readonly AnnotationApplication[];
}
