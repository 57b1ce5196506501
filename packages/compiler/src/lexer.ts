/**
 * The lexer: schema text to statements of tokens, exactly as the reference compiler splits it.
 *
 * A statement is a run of tokens ending in `;` or in a `{ … }` block of nested statements.
 * Parenthesized and bracketed lists are single tokens holding their comma-separated items. Doc
 * comments are attached to statements here. Like the reference, lexing is all or nothing: the
 * first place the text cannot be lexed ends it with one "Parse error." at the furthest position
 * the reference's backtracking lexer reaches, and no statements.
 *
 * The lexer is a loop over the text with an explicit stack for open lists and blocks, so it runs
 * in linear time and never recurses; nesting is limited to {@link MAX_NESTING_DEPTH}.
 */
import { type Diagnostic, diagnostic } from './diagnostics.js';
import {
  classOf,
  DIGIT,
  isIncompleteFloat,
  LINE_WS,
  NAME,
  NAME_START,
  OP,
  scanNumber,
  scanString,
  WS,
} from './literal-scanner.js';
import type { SourceFile } from './source.js';

/**
 * How deeply parentheses, brackets and braces may nest. Deeper input gets a `limit` diagnostic
 * instead of statements. Real schemas nest a handful of levels; the cap keeps the parser's
 * recursion, and every later stage walking the syntax tree, far from the JS stack limit.
 */
export const MAX_NESTING_DEPTH = 256;

/** Where a token is: offsets into the source text, `end` exclusive. */
interface TokenSpan {
  readonly start: number;
  readonly end: number;
}

/** A lexical token. Discriminated by `kind`. */
export type Token =
  | IdentifierToken
  | StringToken
  | BinaryToken
  | IntegerToken
  | FloatToken
  | OperatorToken
  | ListToken;

/** `[A-Za-z_][A-Za-z0-9_]*` (keywords are identifiers too). */
export interface IdentifierToken extends TokenSpan {
  readonly kind: 'identifier';
  readonly value: string;
}

/**
 * A double-quoted string with its escapes interpreted. `bytes` is exact (`\xff` is one byte);
 * `value` is the bytes decoded as UTF-8.
 */
export interface StringToken extends TokenSpan {
  readonly kind: 'string';
  readonly value: string;
  readonly bytes: Uint8Array;
}

/** `0x"…"`: pairs of hex digits, whitespace allowed between pairs. */
export interface BinaryToken extends TokenSpan {
  readonly kind: 'binary';
  readonly value: Uint8Array;
}

/** Decimal, `0x` hex or `0` octal, modulo 2^64 (the reference wraps silently). */
export interface IntegerToken extends TokenSpan {
  readonly kind: 'integer';
  readonly value: bigint;
}

/** `digits[.digits][(e|E)[+|-]digits]` that is not an integer. */
export interface FloatToken extends TokenSpan {
  readonly kind: 'float';
  readonly value: number;
}

/** A maximal run of `!$%&*+-./:<=>?@^|~`, e.g. `@`, `:`, `->`, `$`, `.`. */
export interface OperatorToken extends TokenSpan {
  readonly kind: 'operator';
  readonly value: string;
}

/**
 * `( … )` or `[ … ]`: comma-separated items, each a token sequence. `()` has no items; one
 * trailing comma is dropped, so `(a,)` has one item but `(,)` has one empty item.
 */
export interface ListToken extends TokenSpan {
  readonly kind: 'parenthesizedList' | 'bracketedList';
  readonly items: readonly (readonly Token[])[];
}

/** Tokens ending in `;` (`block` undefined) or in a block of nested statements. */
export interface Statement {
  readonly tokens: readonly Token[];
  readonly block: readonly Statement[] | undefined;
  /** The comment after `;`, after `{` or else after `}`; see {@link lex}. */
  readonly docComment: string | undefined;
  /** From the first token (or the `;`/`{`) to the end of the statement including its doc comment. */
  readonly start: number;
  readonly end: number;
}

/** What {@link lex} returns: the file's statements, or none if it failed, and its diagnostics. */
export interface LexResult {
  readonly statements: readonly Statement[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Splits a schema file into statements of tokens.
 *
 * Doc comments: after a statement's `;` (or `{`) come optional spaces and tabs, then either a
 * comment on the same line or, after one line break, comment lines starting on the next line;
 * consecutive comment lines are joined and a blank line ends them. Each line loses its `#` and at
 * most one following space and gets a `\n`. A block statement without a comment after its `{`
 * takes the one after its `}`.
 *
 * On failure the result has no statements and a "Parse error." (code `parse-error`) at the
 * reference's position; a NUL character also gets "Non-UTF-8 input detected…" (`non-utf8`);
 * nesting deeper than {@link MAX_NESTING_DEPTH} gets a `limit` diagnostic.
 */
export function lex(file: SourceFile): LexResult {
  const lexer = new Lexer(file);
  const statements = lexer.run();
  return { statements: statements ?? [], diagnostics: lexer.diagnostics };
}

const NUL = 0x00;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const HASH = 0x23;
const LPAREN = 0x28;
const RPAREN = 0x29;
const COMMA = 0x2c;
const SEMICOLON = 0x3b;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const BOM = 0xfeff;

// -------------------------------------------------------------------------------------------------
// The lexer.

/** A `{` block being read: its statements so far and the statement that opened it. */
interface BlockFrame {
  readonly type: 'block';
  readonly statements: Statement[];
  /** Tokens of the statement being read inside this block. */
  tokens: Token[];
  /** Where that statement started, or -1 before its first token. */
  start: number;
  readonly owner: { tokens: Token[]; start: number; docComment: string | undefined } | undefined;
}

/** A `(` or `[` list being read. */
interface ListFrame {
  readonly type: 'list';
  readonly kind: 'parenthesizedList' | 'bracketedList';
  readonly close: number;
  readonly start: number;
  readonly items: Token[][];
  tokens: Token[];
}

type Frame = BlockFrame | ListFrame;

class Lexer {
  readonly diagnostics: Diagnostic[] = [];
  readonly #file: SourceFile;
  readonly #text: string;
  #pos = 0;

  constructor(file: SourceFile) {
    this.#file = file;
    this.#text = file.text;
  }

  /** Lexes the whole text; `undefined` on failure (diagnostics already added). */
  run(): Statement[] | undefined {
    const text = this.#text;
    const n = text.length;
    const root: BlockFrame = {
      type: 'block',
      statements: [],
      tokens: [],
      start: -1,
      owner: undefined,
    };
    const stack: Frame[] = [root];
    let top: Frame = root;
    for (;;) {
      this.#skipSpace();
      const p = this.#pos;
      const c = p < n ? text.charCodeAt(p) : -1;
      if (top.type === 'block' && top.start < 0 && c !== RBRACE && c !== -1) top.start = p;

      if (classOf(c) & (NAME_START | DIGIT | OP) || c === QUOTE) {
        const token = this.#scanToken(c);
        if (typeof token === 'number') return token < 0 ? undefined : this.#fail(token);
        top.tokens.push(token);
        continue;
      }
      if (c === NUL) {
        // The reference treats NUL (and UTF-16 byte order marks) as a token that is an error.
        this.#error('non-utf8', NON_UTF8, p, p + 1);
        return this.#fail(p + 1);
      }
      if (c === LPAREN || c === LBRACKET || c === LBRACE) {
        if (stack.length > MAX_NESTING_DEPTH) {
          this.#error('limit', NESTING_LIMIT, p, p + 1);
          return undefined;
        }
      }
      if (c === LPAREN || c === LBRACKET) {
        const list: ListFrame = {
          type: 'list',
          kind: c === LPAREN ? 'parenthesizedList' : 'bracketedList',
          close: c === LPAREN ? RPAREN : RBRACKET,
          start: p,
          items: [],
          tokens: [],
        };
        stack.push(list);
        top = list;
        this.#pos = p + 1;
        continue;
      }

      if (top.type === 'list') {
        if (c === COMMA) {
          top.items.push(top.tokens);
          top.tokens = [];
          this.#pos = p + 1;
          continue;
        }
        if (c !== top.close) return this.#fail(p);
        this.#pos = p + 1;
        const items = top.items;
        // `(a, b,)`: one trailing comma is allowed; `()` has no items at all.
        if (items.length === 0) {
          if (top.tokens.length > 0) items.push(top.tokens);
        } else if (top.tokens.length > 0) {
          items.push(top.tokens);
        }
        const token: ListToken = { kind: top.kind, items, start: top.start, end: p + 1 };
        stack.pop();
        top = stack[stack.length - 1] as Frame;
        top.tokens.push(token);
        continue;
      }

      if (c === SEMICOLON) {
        this.#pos = p + 1;
        const docComment = this.#scanDocComment();
        top.statements.push({
          tokens: top.tokens,
          block: undefined,
          docComment,
          start: top.start,
          end: this.#pos,
        });
        top.tokens = [];
        top.start = -1;
        continue;
      }
      if (c === LBRACE) {
        this.#pos = p + 1;
        const docComment = this.#scanDocComment();
        const block: BlockFrame = {
          type: 'block',
          statements: [],
          tokens: [],
          start: -1,
          owner: { tokens: top.tokens, start: top.start, docComment },
        };
        top.tokens = [];
        top.start = -1;
        stack.push(block);
        top = block;
        continue;
      }
      if (c === RBRACE && top.owner !== undefined && top.tokens.length === 0) {
        this.#pos = p + 1;
        const lateComment = this.#scanDocComment();
        const owner = top.owner;
        const statement: Statement = {
          tokens: owner.tokens,
          block: top.statements,
          docComment: owner.docComment ?? lateComment,
          start: owner.start,
          end: this.#pos,
        };
        stack.pop();
        top = stack[stack.length - 1] as BlockFrame;
        top.statements.push(statement);
        continue;
      }
      if (c === -1 && top.owner === undefined && top.tokens.length === 0) return top.statements;
      return this.#fail(p);
    }
  }

  /** Ends lexing with "Parse error." at `best`, where the reference reports it. */
  #fail(best: number): undefined {
    this.#error('parse-error', 'Parse error.', best, best);
    return undefined;
  }

  #error(code: Diagnostic['code'], message: string, start: number, end: number): void {
    this.diagnostics.push(diagnostic(code, message, this.#file, start, end));
  }

  /** Skips whitespace, UTF-8 byte order marks and `#` comments. */
  #skipSpace(): void {
    const text = this.#text;
    const n = text.length;
    let p = this.#pos;
    while (p < n) {
      const c = text.charCodeAt(p);
      if (classOf(c) & WS || c === BOM) {
        p++;
      } else if (c === HASH) {
        const eol = text.indexOf('\n', p);
        p = eol < 0 ? n : eol + 1;
      } else {
        break;
      }
    }
    this.#pos = p;
  }

  /**
   * doc comment := line-space* [newline] (line-space* '#' [' '] text* ('\n' | end))+
   *
   * Reads the doc comment that may follow `;`, `{` or `}`; moves past it only if there is one.
   */
  #scanDocComment(): string | undefined {
    const text = this.#text;
    const n = text.length;
    let q = this.#pos;
    while (classOf(q < n ? text.charCodeAt(q) : -1) & LINE_WS) q++;
    const c = q < n ? text.charCodeAt(q) : -1;
    if (c === LF) q++;
    else if (c === CR) q += q + 1 < n && text.charCodeAt(q + 1) === LF ? 2 : 1;
    let doc: string | undefined;
    for (;;) {
      let r = q;
      while (classOf(r < n ? text.charCodeAt(r) : -1) & LINE_WS) r++;
      if (r >= n || text.charCodeAt(r) !== HASH) break;
      r++;
      if (r < n && text.charCodeAt(r) === SPACE) r++;
      let eol = text.indexOf('\n', r);
      if (eol < 0) eol = n;
      doc = doc === undefined ? `${text.slice(r, eol)}\n` : `${doc}${text.slice(r, eol)}\n`;
      q = eol < n ? eol + 1 : n;
    }
    if (doc !== undefined) this.#pos = q;
    return doc;
  }

  /**
   * Lexes the token starting with `c` at the current position; on failure returns the furthest
   * position the reference reaches trying, or -1 if an error is already reported.
   */
  #scanToken(c: number): Token | number {
    const text = this.#text;
    const n = text.length;
    const p = this.#pos;
    let q = p + 1;
    const cls = classOf(c);
    let token: Token | number;
    if (cls & NAME_START) {
      while (q < n && classOf(text.charCodeAt(q)) & NAME) q++;
      token = { kind: 'identifier', value: text.slice(p, q), start: p, end: q };
    } else if (cls & OP) {
      while (q < n && classOf(text.charCodeAt(q)) & OP) q++;
      token = { kind: 'operator', value: text.slice(p, q), start: p, end: q };
    } else if (c === QUOTE) {
      token = scanString(text, p);
    } else {
      token = scanNumber(text, p);
      if (typeof token !== 'number' && token.kind === 'float' && isIncompleteFloat(text, token)) {
        // The reference crashes here (an uncaught exception); report it as an error instead.
        const literal = text.slice(token.start, token.end);
        const message = `Invalid floating-point literal '${literal}': the exponent has no digits.`;
        this.#error('syntax', message, token.start, token.end);
        return -1;
      }
    }
    if (typeof token !== 'number') this.#pos = token.end;
    return token;
  }
}

const NON_UTF8 = "Non-UTF-8 input detected. Cap'n Proto schema files must be UTF-8 text.";
const NESTING_LIMIT = `Parentheses, brackets and braces are nested more than ${MAX_NESTING_DEPTH} levels deep.`;
