/** An arithmetic expression, as the calculator's `Expression` can say it. */
export type Expr =
  | { readonly kind: 'literal'; readonly value: number }
  | { readonly kind: 'call'; readonly op: Operator; readonly left: Expr; readonly right: Expr };

/** The calculator's operators (calculator.capnp's `Operator` enum). */
export type Operator = 'add' | 'subtract' | 'multiply' | 'divide';

const OPERATORS: Record<string, Operator> = {
  '+': 'add',
  '-': 'subtract',
  '*': 'multiply',
  '/': 'divide',
};

/** An expression that does not parse; `at` is the offset where it went wrong. */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  readonly code = 'invalid-expression';

  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

const TOKEN = /\s*(?:(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([-+*/()]))/y;

// Deep enough for anything typed by hand; bounds the recursion on pasted input.
const MAX_DEPTH = 100;

/**
 * Parses infix arithmetic (`(4 + 5) * 3 - 2`): numbers, + - * / with the usual precedence and
 * left associativity, parentheses and unary minus (as `0 - x`).
 *
 *   expr   = term (("+" | "-") term)*
 *   term   = factor (("*" | "/") factor)*
 *   factor = number | "(" expr ")" | "-" factor
 */
export function parseExpression(source: string): Expr {
  let at = 0;
  let depth = 0;
  let peeked: { text: string; number: boolean; start: number; end: number } | null = null;
  const peek = () => {
    if (peeked !== null) return peeked;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(source);
    if (m === null) {
      const rest = source.slice(at).trim();
      if (rest === '') return null;
      const start = source.length - source.slice(at).trimStart().length;
      throw new ExpressionError(`Unexpected '${rest[0]}' at column ${start + 1}.`, start);
    }
    const text = (m[1] ?? m[2]) as string;
    peeked = {
      text,
      number: m[1] !== undefined,
      start: TOKEN.lastIndex - text.length,
      end: TOKEN.lastIndex,
    };
    return peeked;
  };
  const take = () => {
    const t = peek();
    if (t !== null) {
      at = t.end;
      peeked = null;
    }
    return t;
  };
  const expect = (text: string) => {
    const t = take();
    if (t?.text !== text)
      throw new ExpressionError(
        t === null
          ? `Expected '${text}' at the end.`
          : `Expected '${text}' at column ${t.start + 1}.`,
        t?.start ?? source.length,
      );
  };
  const binary = (next: () => Expr, ops: string): Expr => {
    let left = next();
    for (let t = peek(); t !== null && !t.number && ops.includes(t.text); t = peek()) {
      take();
      left = { kind: 'call', op: OPERATORS[t.text] as Operator, left, right: next() };
    }
    return left;
  };
  const factor = (): Expr => {
    if (++depth > MAX_DEPTH) throw new ExpressionError('The expression nests too deeply.', at);
    const t = take();
    let result: Expr;
    if (t === null) throw new ExpressionError('The expression ends too soon.', source.length);
    if (t.number) result = { kind: 'literal', value: Number(t.text) };
    else if (t.text === '(') {
      result = expr();
      expect(')');
    } else if (t.text === '-') {
      result = {
        kind: 'call',
        op: 'subtract',
        left: { kind: 'literal', value: 0 },
        right: factor(),
      };
    } else throw new ExpressionError(`Unexpected '${t.text}' at column ${t.start + 1}.`, t.start);
    depth--;
    return result;
  };
  const term = () => binary(factor, '*/');
  const expr = (): Expr => binary(term, '+-');
  const result = expr();
  const rest = peek();
  if (rest !== null)
    throw new ExpressionError(`Unexpected '${rest.text}' at column ${rest.start + 1}.`, rest.start);
  return result;
}

/** The value of an expression, computed here (to check the server's answer against). */
export function evaluateLocally(expr: Expr): number {
  if (expr.kind === 'literal') return expr.value;
  const l = evaluateLocally(expr.left);
  const r = evaluateLocally(expr.right);
  switch (expr.op) {
    case 'add':
      return l + r;
    case 'subtract':
      return l - r;
    case 'multiply':
      return l * r;
    case 'divide':
      return l / r;
  }
}
