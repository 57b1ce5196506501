import { describe, expect, it } from 'vitest';
import {
  type Expr,
  ExpressionError,
  evaluateLocally,
  parseExpression,
} from '../src/rpc/expression.js';

const lit = (value: number): Expr => ({ kind: 'literal', value });

describe('parseExpression', () => {
  const cases: { input: string; want: Expr }[] = [
    { input: '42', want: lit(42) },
    { input: ' 1.5e2 ', want: lit(150) },
    { input: '1 + 2', want: { kind: 'call', op: 'add', left: lit(1), right: lit(2) } },
    {
      input: '1 + 2 * 3',
      want: {
        kind: 'call',
        op: 'add',
        left: lit(1),
        right: { kind: 'call', op: 'multiply', left: lit(2), right: lit(3) },
      },
    },
    {
      input: '8 - 4 - 2',
      want: {
        kind: 'call',
        op: 'subtract',
        left: { kind: 'call', op: 'subtract', left: lit(8), right: lit(4) },
        right: lit(2),
      },
    },
    { input: '-(3)', want: { kind: 'call', op: 'subtract', left: lit(0), right: lit(3) } },
  ];
  for (const { input, want } of cases) {
    it(`parses ${JSON.stringify(input)}`, () => {
      expect(parseExpression(input)).toEqual(want);
    });
  }

  const values: [string, number][] = [
    ['(4 + 5) * 3 - 2', 25],
    ['10 / 4', 2.5],
    ['2 * (3 + (4 - 1)) / 3', 4],
    ['-2 * -3', 6],
  ];
  for (const [input, want] of values) {
    it(`evaluates ${input} to ${want}`, () => {
      expect(evaluateLocally(parseExpression(input))).toBe(want);
    });
  }

  const errors: { input: string; want: RegExp; at: number }[] = [
    { input: '', want: /ends too soon/, at: 0 },
    { input: '1 +', want: /ends too soon/, at: 3 },
    { input: '(1 + 2', want: /Expected '\)' at the end/, at: 6 },
    { input: '1 2', want: /Unexpected '2' at column 3/, at: 2 },
    { input: '1 % 2', want: /Unexpected '%' at column 3/, at: 2 },
    { input: `${'('.repeat(500)}1${')'.repeat(500)}`, want: /nests too deeply/, at: 100 },
  ];
  for (const { input, want, at } of errors) {
    it(`rejects ${JSON.stringify(input.slice(0, 12))}`, () => {
      let error: unknown;
      try {
        parseExpression(input);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ExpressionError);
      expect((error as ExpressionError).message).toMatch(want);
      expect((error as ExpressionError).at).toBe(at);
      expect((error as ExpressionError).code).toBe('invalid-expression');
    });
  }
});
