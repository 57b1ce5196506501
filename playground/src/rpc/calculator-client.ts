import type { Expr, Operator } from './expression.js';

/** A `Calculator.Function` capability, or the promise of one (only passed back to the server). */
export type FunctionCap = object;

/** The pipelined promise of `getOperator`'s results (disposing it releases them). */
export type OperatorPromise = Promise<{ readonly func: FunctionCap }> & {
  readonly func: FunctionCap;
} & Disposable;

/** A `Calculator.Value` capability. */
export interface ValueCap {
  read(): Promise<{ readonly value: number }>;
}

/** The pipelined promise of `evaluate`'s results (disposing it releases them). */
export type EvaluatePromise = Promise<{ readonly value: ValueCap }> & {
  readonly value: ValueCap;
} & Disposable;

/** The calculator client, as the runtime's RPC makes it from calculator.capnp (short call form). */
export interface CalculatorCap {
  evaluate(expression: unknown): EvaluatePromise;
  getOperator(op: Operator): OperatorPromise;
  release(): void;
}

/**
 * Evaluates `expr` on the server. Pipelined (the default), every call goes out at once: the
 * operator functions are passed as promises of `getOperator`'s results, and `read()` is called
 * on the promised `value` of `evaluate` — one round trip in all. Otherwise each call is awaited
 * before the next is made, as code without pipelining would have to.
 */
export async function evaluateRemotely(
  calculator: CalculatorCap,
  expr: Expr,
  pipelined: boolean,
): Promise<number> {
  const operators = new Map<Operator, FunctionCap>();
  const calls: Disposable[] = [];
  const operator = async (op: Operator): Promise<FunctionCap> => {
    let func = operators.get(op);
    if (func === undefined) {
      const promise = calculator.getOperator(op);
      calls.push(promise);
      func = pipelined ? promise.func : (await promise).func;
      operators.set(op, func);
    }
    return func;
  };
  const build = async (e: Expr): Promise<unknown> =>
    e.kind === 'literal'
      ? { literal: e.value }
      : {
          call: {
            function: await operator(e.op),
            params: [await build(e.left), await build(e.right)],
          },
        };
  try {
    const expression = await build(expr);
    const evaluation = calculator.evaluate(expression);
    calls.push(evaluation);
    const value = pipelined ? evaluation.value : (await evaluation).value;
    return (await value.read()).value;
  } finally {
    // The operators and the value are the server's objects: let it drop them.
    for (const call of calls) call[Symbol.dispose]();
  }
}
