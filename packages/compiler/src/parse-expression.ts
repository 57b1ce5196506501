/**
 * Expressions and the small productions around them: annotation applications, `@0x…` IDs and
 * `@n` ordinals, and lists of names. Each `parseX` parses one production (written above it) from
 * a {@link TokenInput}, returning `undefined` if it does not match; the caller restores `pos`.
 */
import type {
  AnnotationApplication,
  Expression,
  Located,
  TupleElement,
  UnknownExpression,
} from './ast.js';
import type { ListToken, StringToken } from './lexer.js';
import {
  ExpressionTooDeep,
  emptyName,
  MAX_EXPRESSION_DEPTH,
  matchIdentifier,
  matchInteger,
  matchOperator,
  type ParseContext,
  parseListItems,
  type TokenInput,
} from './parse-input.js';
import { decodeUtf8 } from './utf8.js';

/** What the reference leaves where a list element failed to parse. */
function unknownExpression(): UnknownExpression {
  return { kind: 'unknown', start: 0, end: 0 };
}

/**
 * expression := base { '.' identifier | '(' [tupleElement {',' tupleElement}] ')' }
 *
 * Sets `ctx.height` to the height of the result; see {@link MAX_EXPRESSION_DEPTH}.
 */
export function parseExpression(ctx: ParseContext, input: TokenInput): Expression | undefined {
  let result = parseBaseExpression(ctx, input);
  if (result === undefined) return undefined;
  let height = ctx.height;
  while (!input.atEnd()) {
    const save = input.pos;
    const token = input.next();
    if (token?.kind === 'operator' && token.value === '.') {
      const name = matchIdentifier(input);
      if (name !== undefined) {
        height = checkHeight(height + 1, name);
        result = { kind: 'member', parent: result, name, start: result.start, end: name.end };
        continue;
      }
    }
    // Not `.name`: the reference then tries the same token as an argument list.
    input.pos = save;
    const list = input.next();
    if (list?.kind === 'parenthesizedList') {
      const params = parseTupleElements(ctx, list);
      height = checkHeight(Math.max(height, ctx.height) + 1, list);
      result = {
        kind: 'application',
        function: result,
        params,
        start: result.start,
        end: list.end,
      };
      continue;
    }
    input.pos = save;
    break;
  }
  ctx.height = height;
  return result;
}

/** Returns `height`, or throws if it exceeds {@link MAX_EXPRESSION_DEPTH}. */
function checkHeight(height: number, at: { start: number; end: number }): number {
  if (height > MAX_EXPRESSION_DEPTH) throw new ExpressionTooDeep(at.start, at.end);
  return height;
}

/**
 * base := integer | '-' integer | float | '-' float | '-' 'inf' | string {string} | binary
 *       | '[' [expression {',' expression}] ']' | '(' [tupleElement {',' tupleElement}] ')'
 *       | 'import' string | 'embed' string | '.' identifier | identifier
 *
 * The reference tries these in order; every alternative examines the first token, and the ones
 * starting with `-`, `import`, `embed` or `.` also the second, which is what this dispatch does.
 */
function parseBaseExpression(ctx: ParseContext, input: TokenInput): Expression | undefined {
  const token = input.next();
  if (token === undefined) return undefined;
  ctx.height = 1;
  switch (token.kind) {
    case 'integer':
      return { kind: 'positiveInt', value: token.value, start: token.start, end: token.end };
    case 'float':
      return { kind: 'float', value: token.value, start: token.start, end: token.end };
    case 'binary':
      return { kind: 'binary', value: token.value, start: token.start, end: token.end };
    case 'string':
      return parseStrings(input, token);
    case 'bracketedList': {
      const elements = parseElements(ctx, token);
      ctx.height = checkHeight(ctx.height + 1, token);
      return { kind: 'list', elements, start: token.start, end: token.end };
    }
    case 'parenthesizedList': {
      const elements = parseTupleElements(ctx, token);
      const only = elements[0];
      // A parenthesized single unnamed value is just that value (of the same height).
      if (elements.length === 1 && only !== undefined && only.name === undefined) return only.value;
      ctx.height = checkHeight(ctx.height + 1, token);
      return { kind: 'tuple', elements, start: token.start, end: token.end };
    }
    case 'operator': {
      if (token.value === '-') {
        const next = input.next();
        if (next?.kind === 'integer') {
          return { kind: 'negativeInt', value: next.value, start: next.start, end: next.end };
        }
        if (next?.kind === 'float') {
          return { kind: 'float', value: -next.value, start: next.start, end: next.end };
        }
        if (next?.kind === 'identifier' && next.value === 'inf') {
          return { kind: 'float', value: -Infinity, start: token.start, end: next.end };
        }
        return undefined;
      }
      if (token.value === '.') {
        const name = matchIdentifier(input);
        if (name === undefined) return undefined;
        return { kind: 'absoluteName', name, start: token.start, end: name.end };
      }
      return undefined;
    }
    case 'identifier': {
      if (token.value === 'import' || token.value === 'embed') {
        const save = input.pos;
        const path = input.next();
        if (path?.kind === 'string') {
          return {
            kind: token.value,
            path: { value: path.value, start: path.start, end: path.end },
            start: token.start,
            end: path.end,
          };
        }
        // `import` not followed by a string is an ordinary name.
        input.pos = save;
      }
      const name = { value: token.value, start: token.start, end: token.end };
      return { kind: 'relativeName', name, start: token.start, end: token.end };
    }
  }
}

/** string {string}: adjacent string literals, concatenated. */
function parseStrings(input: TokenInput, first: StringToken): Expression {
  let last = first;
  let parts: StringToken[] | undefined;
  while (!input.atEnd()) {
    const save = input.pos;
    const next = input.next();
    if (next?.kind !== 'string') {
      input.pos = save;
      break;
    }
    parts ??= [first];
    parts.push(next);
    last = next;
  }
  if (parts === undefined) {
    return {
      kind: 'string',
      value: first.value,
      bytes: first.bytes,
      start: first.start,
      end: first.end,
    };
  }
  let length = 0;
  for (const part of parts) length += part.bytes.length;
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    bytes.set(part.bytes, at);
    at += part.bytes.length;
  }
  // Decode the joined bytes: an escape sequence may be split across literals ("\xc3" "\xa9").
  return { kind: 'string', value: decodeUtf8(bytes), bytes, start: first.start, end: last.end };
}

/**
 * tupleElement := [identifier '='] expression
 */
function parseTupleElement(ctx: ParseContext, input: TokenInput): TupleElement | undefined {
  const save = input.pos;
  let name = matchIdentifier(input);
  if (name === undefined || matchOperator(input, '=') === undefined) {
    name = undefined;
    input.pos = save;
  }
  const value = parseExpression(ctx, input);
  if (value === undefined) return undefined;
  return { name, value, start: name?.start ?? value.start, end: value.end };
}

/**
 * The elements of a tuple or argument list; a failed element becomes an unnamed `unknown`.
 * Sets `ctx.height` to the greatest height of an element (0 if there are none).
 */
function parseTupleElements(ctx: ParseContext, list: ListToken): TupleElement[] {
  let height = 0;
  const elements = parseListItems(ctx, list, (c, input) => {
    const element = parseTupleElement(c, input);
    if (element !== undefined) height = Math.max(height, c.height);
    return element;
  }).map((e) => e ?? { name: undefined, value: unknownExpression(), start: 0, end: 0 });
  ctx.height = Math.max(height, elements.length > 0 ? 1 : 0);
  return elements;
}

/**
 * The elements of a `[…]` list; a failed element becomes `unknown`. Sets `ctx.height` to the
 * greatest height of an element (0 if there are none).
 */
function parseElements(ctx: ParseContext, list: ListToken): Expression[] {
  let height = 0;
  const elements = parseListItems(ctx, list, (c, input) => {
    const element = parseExpression(c, input);
    if (element !== undefined) height = Math.max(height, c.height);
    return element;
  }).map((e) => e ?? unknownExpression());
  ctx.height = Math.max(height, elements.length > 0 ? 1 : 0);
  return elements;
}

/**
 * annotation := '$' expression
 *
 * `$foo(…)` parses as an application of `foo`; it is taken apart into the annotation `foo` and
 * its value: the single unnamed argument, else all arguments as a tuple (at 0–0, as in the
 * reference).
 */
export function parseAnnotationApplication(
  ctx: ParseContext,
  input: TokenInput,
): AnnotationApplication | undefined {
  const dollar = matchOperator(input, '$');
  if (dollar === undefined) return undefined;
  const expression = parseExpression(ctx, input);
  if (expression === undefined) return undefined;
  if (expression.kind !== 'application') {
    return { name: expression, value: undefined, start: dollar.start, end: expression.end };
  }
  const params = expression.params;
  const only = params[0];
  const value: Expression =
    params.length === 1 && only !== undefined && only.name === undefined
      ? only.value
      : { kind: 'tuple', elements: params, start: 0, end: 0 };
  return { name: expression.function, value, start: dollar.start, end: expression.end };
}

/** annotations := {annotation} */
export function parseAnnotations(ctx: ParseContext, input: TokenInput): AnnotationApplication[] {
  const annotations: AnnotationApplication[] = [];
  while (!input.atEnd()) {
    const save = input.pos;
    const annotation = parseAnnotationApplication(ctx, input);
    if (annotation === undefined) {
      input.pos = save;
      break;
    }
    annotations.push(annotation);
  }
  return annotations;
}

/**
 * uid := '@' integer
 *
 * Reports "Invalid ID." for values below 2^63 (every generated ID has the top bit set).
 */
export function parseUid(ctx: ParseContext, input: TokenInput): Located<bigint> | undefined {
  if (matchOperator(input, '@') === undefined) return undefined;
  const id = matchInteger(input);
  if (id === undefined) return undefined;
  if (id.value < 1n << 63n) {
    ctx.error(
      'invalid-id',
      "Invalid ID.  Please generate a new one with 'capnpc -i'.",
      id.start,
      id.end,
    );
  }
  return id;
}

/** [uid]: an optional `@0x…`; restores the input if there is none. */
export function parseOptionalUid(
  ctx: ParseContext,
  input: TokenInput,
): Located<bigint> | undefined {
  const save = input.pos;
  const id = parseUid(ctx, input);
  if (id === undefined) input.pos = save;
  return id;
}

/**
 * ordinal := '@' integer
 *
 * Reports "Ordinals cannot be greater than 65535." — each time it is parsed, so twice when the
 * reference's union attempt and field attempt both get that far.
 */
export function parseOrdinal(ctx: ParseContext, input: TokenInput): Located<bigint> | undefined {
  if (matchOperator(input, '@') === undefined) return undefined;
  const ordinal = matchInteger(input);
  if (ordinal === undefined) return undefined;
  if (ordinal.value >= 65536n) {
    ctx.error('ordinal', 'Ordinals cannot be greater than 65535.', ordinal.start, ordinal.end);
  }
  return ordinal;
}

/**
 * nameList := '(' [identifier {',' identifier}] ')' | '[' … ']'
 *
 * Generic parameter names; a failed item is `''` at 0–0 like the reference's empty parameter.
 */
export function parseNameList(ctx: ParseContext, list: ListToken): Located<string>[] {
  return parseListItems(ctx, list, parseName).map((name) => name ?? emptyName());
}

/** name := identifier */
function parseName(_ctx: ParseContext, input: TokenInput): Located<string> | undefined {
  return matchIdentifier(input);
}

/**
 * Parses `(expression, …)`: interface superclasses. A failed item is an `unknown` expression.
 */
export function parseExpressionList(ctx: ParseContext, list: ListToken): Expression[] {
  return parseListItems(ctx, list, parseExpression).map((e) => e ?? unknownExpression());
}
