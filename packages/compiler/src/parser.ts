/**
 * The parser: a schema file's statements to its syntax tree ({@link FileDeclaration}), with the
 * reference compiler's parse errors.
 *
 * Each statement is parsed on its own; a statement that does not parse gets one "Parse error."
 * (at the furthest token the reference's backtracking parser examined) and is dropped, and
 * parsing goes on with the next one. What may appear where is the reference's grammar: the file,
 * structs and interfaces hold `using`/`const`/`annotation`/`enum`/`struct`/`interface`; enums hold
 * enumerants; structs, unions and groups hold fields, unions and groups; interfaces hold methods.
 * Everything the reference checks later (names, duplicates, ordinal sequences, types, the file ID
 * being present) is left to later stages; the tree keeps every location they need.
 */
import type {
  AnnotationApplication,
  AnnotationDeclaration,
  AnnotationTarget,
  Declaration,
  EnumerantDeclaration,
  Expression,
  FileDeclaration,
  InterfaceMember,
  Located,
  NestedDeclaration,
  Param,
  ParamList,
  StructMember,
} from './ast.js';
import type { Diagnostic } from './diagnostics.js';
import { lex, type Statement, type Token } from './lexer.js';
import {
  parseAnnotationApplication,
  parseAnnotations,
  parseExpression,
  parseExpressionList,
  parseNameList,
  parseOptionalUid,
  parseOrdinal,
  parseUid,
} from './parse-expression.js';
import {
  ExpressionTooDeep,
  emptyName,
  matchIdentifier,
  matchKeyword,
  matchList,
  matchOperator,
  ParseContext,
  parseListItems,
  TokenInput,
} from './parse-input.js';
import type { SourceFile } from './source.js';

/** What {@link parseFile} returns: the syntax tree and every lexer and parser diagnostic. */
export interface ParseResult {
  ast: FileDeclaration;
  diagnostics: Diagnostic[];
}

/**
 * Parses a schema file. Never throws on any input: problems are diagnostics, in the order the
 * reference reports them, and whatever parsed is in `ast`.
 *
 * If the text cannot be lexed at all, the result is one "Parse error." and an empty file. The
 * parser does not report a missing file ID (a later stage does, and only when there were no other
 * errors); `ast.id` is then `undefined`.
 */
export function parseFile(file: SourceFile): ParseResult {
  const lexed = lex(file);
  const ctx = new ParseContext(file, [...lexed.diagnostics]);
  let id: Located<bigint> | undefined;
  let docComment: string | undefined;
  const annotations: AnnotationApplication[] = [];
  const nestedDecls: NestedDeclaration[] = [];
  for (const statement of lexed.statements) {
    const parsed = parseStatement(ctx, statement, 'file');
    if (parsed === undefined) continue;
    if (parsed.kind === 'nakedId') {
      if (id !== undefined) {
        ctx.error('duplicate-id', 'File can only have one ID.', parsed.start, parsed.end);
      } else {
        id = parsed.id;
        if (parsed.docComment !== undefined) docComment = parsed.docComment;
      }
    } else if (parsed.kind === 'nakedAnnotation') {
      annotations.push(parsed.annotation);
    } else {
      nestedDecls.push(parsed as NestedDeclaration);
    }
  }
  const ast: FileDeclaration = {
    kind: 'file',
    id,
    docComment,
    annotations,
    nestedDecls,
    start: 0,
    end: file.text.length,
  };
  return { ast, diagnostics: ctx.diagnostics };
}

// -------------------------------------------------------------------------------------------------
// Statements

/** Which declarations a block holds. */
type MemberLevel = 'enum' | 'struct' | 'interface';
type Level = 'file' | MemberLevel;

/** The statement-wide parts of a declaration. */
interface StatementInfo {
  readonly start: number;
  readonly end: number;
  readonly docComment: string | undefined;
}

/** A file-level `@0x…;`. */
interface NakedId extends StatementInfo {
  readonly kind: 'nakedId';
  readonly id: Located<bigint>;
}

/** A file-level `$annotation;`. */
interface NakedAnnotation extends StatementInfo {
  readonly kind: 'nakedAnnotation';
  readonly annotation: AnnotationApplication;
}

type Parsed = Exclude<Declaration, FileDeclaration> | NakedId | NakedAnnotation;

/** A statement's tokens parsed; completed into a node once its block (if any) is parsed. */
interface Draft {
  /** What its block holds; `undefined` if the statement must end with `;`. */
  readonly members: MemberLevel | undefined;
  readonly build: (info: StatementInfo, nested: Parsed[]) => Parsed;
}

type DraftParser = (ctx: ParseContext, input: TokenInput) => Draft | undefined;

function leaf(build: (info: StatementInfo) => Parsed): Draft {
  return { members: undefined, build };
}

/** Tries each parser from the same position; the first that matches wins. */
function oneOf(ctx: ParseContext, input: TokenInput, parsers: readonly DraftParser[]) {
  const save = input.pos;
  for (const parse of parsers) {
    const draft = parse(ctx, input);
    if (draft !== undefined) return draft;
    input.pos = save;
  }
  return undefined;
}

/**
 * statement := declaration-of-level (';' | '{' {statement} '}')
 *
 * Parses one statement and, if it is a block, its nested statements (each reporting its own
 * errors). A statement that does not parse reports "Parse error." and yields `undefined`.
 */
function parseStatement(ctx: ParseContext, statement: Statement, level: Level): Parsed | undefined {
  const input = new TokenInput(statement.tokens);
  let draft: Draft | undefined;
  try {
    draft = oneOf(ctx, input, LEVELS[level]);
  } catch (error) {
    if (!(error instanceof ExpressionTooDeep)) throw error;
    ctx.error('limit', error.message, error.start, error.end);
    return undefined;
  }
  if (draft === undefined || !input.atEnd()) {
    ctx.error('parse-error', 'Parse error.', input.errorOffset(statement.start));
    return undefined;
  }
  const nested: Parsed[] = [];
  if (statement.block === undefined) {
    if (draft.members !== undefined) {
      ctx.error('syntax', BLOCK_EXPECTED, statement.start, statement.end);
    }
  } else if (draft.members !== undefined) {
    for (const member of statement.block) {
      const parsed = parseStatement(ctx, member, draft.members);
      if (parsed !== undefined) nested.push(parsed);
    }
  } else {
    ctx.error('syntax', SEMICOLON_EXPECTED, statement.start, statement.end);
  }
  const info = { start: statement.start, end: statement.end, docComment: statement.docComment };
  return draft.build(info, nested);
}

const BLOCK_EXPECTED = 'This statement should end with a block, not a semicolon.';
const SEMICOLON_EXPECTED = 'This statement should end with a semicolon, not a block.';

// -------------------------------------------------------------------------------------------------
// Declarations

/** genericDecl := using | const | annotation | enum | struct | interface */
function parseGenericDecl(ctx: ParseContext, input: TokenInput): Draft | undefined {
  return oneOf(ctx, input, GENERIC_DECLS);
}

/**
 * using := 'using' [identifier '='] expression
 *
 * Without `=` the target must be `X.Member`, which names the alias `Member`.
 */
function parseUsing(ctx: ParseContext, input: TokenInput): Draft | undefined {
  if (matchKeyword(input, 'using') === undefined) return undefined;
  const save = input.pos;
  let name = matchIdentifier(input);
  if (name === undefined || matchOperator(input, '=') === undefined) {
    name = undefined;
    input.pos = save;
  }
  const target = parseExpression(ctx, input);
  if (target === undefined) return undefined;
  if (name === undefined) {
    if (target.kind === 'member') {
      name = target.name;
    } else {
      ctx.error('syntax', USING_WITHOUT_NAME, target.start, target.end);
      name = emptyName();
    }
  }
  const declared = name;
  return leaf((info) => ({ kind: 'using', name: declared, target, annotations: [], ...info }));
}

const USING_WITHOUT_NAME =
  "'using' declaration without '=' must specify a named declaration from a different scope.";

/** const := 'const' identifier [uid] ':' expression '=' expression annotations */
function parseConst(ctx: ParseContext, input: TokenInput): Draft | undefined {
  if (matchKeyword(input, 'const') === undefined) return undefined;
  const name = matchIdentifier(input);
  if (name === undefined) return undefined;
  const id = parseOptionalUid(ctx, input);
  if (matchOperator(input, ':') === undefined) return undefined;
  const type = parseExpression(ctx, input);
  if (type === undefined || matchOperator(input, '=') === undefined) return undefined;
  const value = parseExpression(ctx, input);
  if (value === undefined) return undefined;
  const annotations = parseAnnotations(ctx, input);
  return leaf((info) => ({ kind: 'const', name, id, type, value, annotations, ...info }));
}

/**
 * annotationDecl := 'annotation' identifier [uid] '(' target {',' target} ')' ':' expression
 *                   annotations
 * target := identifier | '*'
 */
function parseAnnotationDecl(ctx: ParseContext, input: TokenInput): Draft | undefined {
  if (matchKeyword(input, 'annotation') === undefined) return undefined;
  const name = matchIdentifier(input);
  if (name === undefined) return undefined;
  const id = parseOptionalUid(ctx, input);
  const list = matchList(input, 'parenthesizedList');
  if (list === undefined) return undefined;
  const items = parseListItems(ctx, list, parseAnnotationTarget);
  if (matchOperator(input, ':') === undefined) return undefined;
  const type = parseExpression(ctx, input);
  if (type === undefined) return undefined;
  const annotations = parseAnnotations(ctx, input);
  const targetNames = items.filter((item) => item !== undefined);
  const targets = resolveTargets(ctx, targetNames, items.length);
  return leaf((info) => ({
    kind: 'annotation',
    name,
    id,
    targets,
    targetNames,
    type,
    annotations,
    ...info,
  }));
}

/** target := identifier | '*' */
function parseAnnotationTarget(_ctx: ParseContext, input: TokenInput): Located<string> | undefined {
  const save = input.pos;
  const name = matchIdentifier(input);
  if (name !== undefined) return name;
  input.pos = save;
  const star = matchOperator(input, '*');
  return star === undefined ? undefined : { value: '*', start: star.start, end: star.end };
}

const TARGETS: readonly AnnotationTarget[] = [
  'file',
  'const',
  'enum',
  'enumerant',
  'struct',
  'field',
  'union',
  'group',
  'interface',
  'method',
  'param',
  'annotation',
];

/** Turns target names into flags, reporting bad, duplicate and non-lone `*` targets. */
function resolveTargets(
  ctx: ParseContext,
  names: readonly Located<string>[],
  itemCount: number,
): AnnotationDeclaration['targets'] {
  const targets = Object.fromEntries(TARGETS.map((t) => [t, false])) as Record<
    AnnotationTarget,
    boolean
  >;
  for (const name of names) {
    if (name.value === '*') {
      if (itemCount > 1) {
        ctx.error('annotation', WILDCARD_NOT_ALONE, name.start, name.end);
      }
      for (const t of TARGETS) targets[t] = true;
    } else if (TARGETS.includes(name.value as AnnotationTarget)) {
      const target = name.value as AnnotationTarget;
      if (targets[target]) {
        ctx.error('annotation', 'Duplicate target specification.', name.start, name.end);
      }
      targets[target] = true;
    } else {
      ctx.error('annotation', 'Not a valid annotation target.', name.start, name.end);
    }
  }
  return targets;
}

const WILDCARD_NOT_ALONE = 'Wildcard should not be specified together with other targets.';

/** enum := 'enum' identifier [uid] annotations   (block: enumerants) */
function parseEnum(ctx: ParseContext, input: TokenInput): Draft | undefined {
  if (matchKeyword(input, 'enum') === undefined) return undefined;
  const name = matchIdentifier(input);
  if (name === undefined) return undefined;
  const id = parseOptionalUid(ctx, input);
  const annotations = parseAnnotations(ctx, input);
  return {
    members: 'enum',
    build: (info, nested) => ({
      kind: 'enum',
      name,
      id,
      annotations,
      nestedDecls: nested as EnumerantDeclaration[],
      ...info,
    }),
  };
}

/** enumerant := identifier ordinal annotations */
function parseEnumerant(ctx: ParseContext, input: TokenInput): Draft | undefined {
  const name = matchIdentifier(input);
  if (name === undefined) return undefined;
  const ordinal = parseOrdinal(ctx, input);
  if (ordinal === undefined) return undefined;
  const annotations = parseAnnotations(ctx, input);
  return leaf((info) => ({ kind: 'enumerant', name, ordinal, annotations, ...info }));
}

/**
 * struct := 'struct' identifier [uid] ['(' identifier {',' identifier} ')'] annotations
 *           (block: struct members)
 */
function parseStruct(ctx: ParseContext, input: TokenInput): Draft | undefined {
  if (matchKeyword(input, 'struct') === undefined) return undefined;
  const name = matchIdentifier(input);
  if (name === undefined) return undefined;
  const id = parseOptionalUid(ctx, input);
  const parameters = parseOptionalNameList(ctx, input, 'parenthesizedList');
  const annotations = parseAnnotations(ctx, input);
  return {
    members: 'struct',
    build: (info, nested) => ({
      kind: 'struct',
      name,
      id,
      parameters,
      annotations,
      nestedDecls: nested as StructMember[],
      ...info,
    }),
  };
}

/** An optional list of names (generic parameters); restores the input if there is none. */
function parseOptionalNameList(
  ctx: ParseContext,
  input: TokenInput,
  kind: 'parenthesizedList' | 'bracketedList',
): Located<string>[] | undefined {
  const save = input.pos;
  const list = matchList(input, kind);
  if (list === undefined) {
    input.pos = save;
    return undefined;
  }
  return parseNameList(ctx, list);
}

/** An optional `'=' expression`; restores the input if there is none. */
function parseOptionalDefault(ctx: ParseContext, input: TokenInput): Expression | undefined {
  const save = input.pos;
  const value = matchOperator(input, '=') === undefined ? undefined : parseExpression(ctx, input);
  if (value === undefined) input.pos = save;
  return value;
}

/** field := identifier ordinal ':' expression ['=' expression] annotations */
function parseField(ctx: ParseContext, input: TokenInput): Draft | undefined {
  const name = matchIdentifier(input);
  if (name === undefined) return undefined;
  const ordinal = parseOrdinal(ctx, input);
  if (ordinal === undefined || matchOperator(input, ':') === undefined) return undefined;
  const type = parseExpression(ctx, input);
  if (type === undefined) return undefined;
  const defaultValue = parseOptionalDefault(ctx, input);
  const annotations = parseAnnotations(ctx, input);
  return leaf((info) => ({
    kind: 'field',
    name,
    ordinal,
    type,
    defaultValue,
    annotations,
    ...info,
  }));
}

/**
 * union := identifier (ordinal ['!'] [':'] | ':') 'union' annotations | 'union'
 *          (block: struct members)
 *
 * `@n` without `!`, or without the `:`, is pre-v0.3 syntax and gets the reference's migration
 * errors (the union is still parsed).
 */
function parseUnion(ctx: ParseContext, input: TokenInput): Draft | undefined {
  const save = input.pos;
  const name = matchIdentifier(input);
  const head = name === undefined ? undefined : parseOrdinalOrColon(ctx, input);
  if (name !== undefined && head !== undefined && matchKeyword(input, 'union') !== undefined) {
    const annotations = parseAnnotations(ctx, input);
    const ordinal = head.ordinal;
    if (ordinal !== undefined && head.missingExclamation) {
      ctx.error('union', UNION_NUMBER, ordinal.start, ordinal.end);
    }
    if (ordinal !== undefined && head.missingColon) {
      ctx.error('union', UNION_COLON, ordinal.start, ordinal.end);
    }
    return unionDraft(name, ordinal, annotations);
  }
  input.pos = save;
  const keyword = matchKeyword(input, 'union');
  if (keyword === undefined || !input.atEnd()) return undefined;
  const unnamed = { value: '', start: keyword.start, end: keyword.end };
  return unionDraft(unnamed, undefined, []);
}

function unionDraft(
  name: Located<string>,
  ordinal: Located<bigint> | undefined,
  annotations: AnnotationApplication[],
): Draft {
  return {
    members: 'struct',
    build: (info, nested) => ({
      kind: 'union',
      name,
      ordinal,
      annotations,
      nestedDecls: nested as StructMember[],
      ...info,
    }),
  };
}

/** ordinalOrColon := ordinal ['!'] [':'] | ':' */
function parseOrdinalOrColon(
  ctx: ParseContext,
  input: TokenInput,
):
  | { ordinal: Located<bigint> | undefined; missingExclamation: boolean; missingColon: boolean }
  | undefined {
  const save = input.pos;
  const ordinal = parseOrdinal(ctx, input);
  if (ordinal !== undefined) {
    const exclamation = parseOptionalOperator(input, '!');
    const colon = parseOptionalOperator(input, ':');
    return { ordinal, missingExclamation: !exclamation, missingColon: !colon };
  }
  input.pos = save;
  if (matchOperator(input, ':') === undefined) return undefined;
  return { ordinal: undefined, missingExclamation: false, missingColon: false };
}

/** [op]: whether the operator is there; restores the input if not. */
function parseOptionalOperator(input: TokenInput, op: string): boolean {
  const save = input.pos;
  if (matchOperator(input, op) !== undefined) return true;
  input.pos = save;
  return false;
}

const UNION_NUMBER =
  "As of Cap'n Proto v0.3, it is no longer necessary to assign numbers to unions. However, " +
  'removing the number will break binary compatibility. If this is an old protocol and you need ' +
  'to retain compatibility, please add an exclamation point after the number to indicate that it ' +
  'is really needed, e.g. `foo @1! :union {`. If this is a new protocol or compatibility ' +
  "doesn't matter, just remove the @n entirely. Sorry for the inconvenience, and thanks for " +
  'being an early adopter!  :)';

const UNION_COLON =
  "As of Cap'n Proto v0.3, the 'union' keyword should be prefixed with a colon for named " +
  'unions, e.g. `foo :union {`.';

/** group := identifier ':' 'group' annotations   (block: struct members) */
function parseGroup(ctx: ParseContext, input: TokenInput): Draft | undefined {
  const name = matchIdentifier(input);
  if (name === undefined || matchOperator(input, ':') === undefined) return undefined;
  if (matchKeyword(input, 'group') === undefined) return undefined;
  const annotations = parseAnnotations(ctx, input);
  return {
    members: 'struct',
    build: (info, nested) => ({
      kind: 'group',
      name,
      annotations,
      nestedDecls: nested as StructMember[],
      ...info,
    }),
  };
}

/**
 * interface := 'interface' identifier [uid] ['(' identifier {',' identifier} ')']
 *              ['extends' '(' expression {',' expression} ')'] annotations
 *              (block: methods and declarations)
 */
function parseInterface(ctx: ParseContext, input: TokenInput): Draft | undefined {
  if (matchKeyword(input, 'interface') === undefined) return undefined;
  const name = matchIdentifier(input);
  if (name === undefined) return undefined;
  const id = parseOptionalUid(ctx, input);
  const parameters = parseOptionalNameList(ctx, input, 'parenthesizedList');
  let superclasses: Expression[] = [];
  const save = input.pos;
  const list =
    matchKeyword(input, 'extends') === undefined
      ? undefined
      : matchList(input, 'parenthesizedList');
  if (list === undefined) input.pos = save;
  else superclasses = parseExpressionList(ctx, list);
  const annotations = parseAnnotations(ctx, input);
  return {
    members: 'interface',
    build: (info, nested) => ({
      kind: 'interface',
      name,
      id,
      parameters,
      superclasses,
      annotations,
      nestedDecls: nested as InterfaceMember[],
      ...info,
    }),
  };
}

/**
 * method := identifier ordinal ['[' identifier {',' identifier} ']'] paramList
 *           ['->' paramList] annotations
 */
function parseMethod(ctx: ParseContext, input: TokenInput): Draft | undefined {
  const name = matchIdentifier(input);
  if (name === undefined) return undefined;
  const ordinal = parseOrdinal(ctx, input);
  if (ordinal === undefined) return undefined;
  const implicitParameters = parseOptionalNameList(ctx, input, 'bracketedList');
  const params = parseParamList(ctx, input);
  if (params === undefined) return undefined;
  const save = input.pos;
  const results = matchOperator(input, '->') === undefined ? undefined : parseParamList(ctx, input);
  if (results === undefined) input.pos = save;
  const annotations = parseAnnotations(ctx, input);
  return leaf((info) => ({
    kind: 'method',
    name,
    ordinal,
    implicitParameters,
    params,
    results,
    annotations,
    ...info,
  }));
}

/** paramList := '(' [param {',' param}] ')' | 'stream' | expression */
function parseParamList(ctx: ParseContext, input: TokenInput): ParamList | undefined {
  const save = input.pos;
  const list = matchList(input, 'parenthesizedList');
  if (list !== undefined) {
    const params = parseListItems(ctx, list, parseParam).map((p) => p ?? emptyParam());
    return { kind: 'named', params, start: list.start, end: list.end };
  }
  input.pos = save;
  const stream = matchKeyword(input, 'stream');
  if (stream !== undefined) return { kind: 'stream', start: stream.start, end: stream.end };
  input.pos = save;
  const type = parseExpression(ctx, input);
  if (type === undefined) return undefined;
  return { kind: 'type', type, start: type.start, end: type.end };
}

/** param := identifier ':' expression ['=' expression] annotations */
function parseParam(ctx: ParseContext, input: TokenInput): Param | undefined {
  const first = input.pos;
  const name = matchIdentifier(input);
  if (name === undefined || matchOperator(input, ':') === undefined) return undefined;
  const type = parseExpression(ctx, input);
  if (type === undefined) return undefined;
  const defaultValue = parseOptionalDefault(ctx, input);
  const annotations = parseAnnotations(ctx, input);
  const start = (input.tokens[first] as Token).start;
  const end = (input.tokens[input.pos - 1] as Token).end;
  return { name, type, defaultValue, annotations, start, end };
}

/** What the reference leaves in place of a parameter that failed to parse. */
function emptyParam(): Param {
  const type: Expression = { kind: 'unknown', start: 0, end: 0 };
  return { name: emptyName(), type, defaultValue: undefined, annotations: [], start: 0, end: 0 };
}

/** nakedId := uid   (the file's `@0x…;`) */
function parseNakedId(ctx: ParseContext, input: TokenInput): Draft | undefined {
  const id = parseUid(ctx, input);
  if (id === undefined) return undefined;
  return leaf((info) => ({ kind: 'nakedId', id, ...info }));
}

/** nakedAnnotation := annotation   (a file-level `$annotation;`) */
function parseNakedAnnotation(ctx: ParseContext, input: TokenInput): Draft | undefined {
  const annotation = parseAnnotationApplication(ctx, input);
  if (annotation === undefined) return undefined;
  return leaf((info) => ({ kind: 'nakedAnnotation', annotation, ...info }));
}

const GENERIC_DECLS: readonly DraftParser[] = [
  parseUsing,
  parseConst,
  parseAnnotationDecl,
  parseEnum,
  parseStruct,
  parseInterface,
];

/** The alternatives, in the reference's order, for a statement at each level. */
const LEVELS: { readonly [L in Level]: readonly DraftParser[] } = {
  file: [parseGenericDecl, parseNakedId, parseNakedAnnotation],
  enum: [parseEnumerant],
  struct: [parseUnion, parseField, parseGroup, parseGenericDecl],
  interface: [parseMethod, parseGenericDecl],
};
