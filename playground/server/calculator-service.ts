import { fileURLToPath } from 'node:url';
import { load, TwoPartyServer } from '@capnp-kit/runtime';
import type { WebSocket } from 'ws';

// The quickstart's calculator, as examples/calculator/calculator-server.ts serves it over TCP. Not
// imported from there: this runs inside Vite's config loader on plain Node 20, which cannot
// parse that example's `using` declarations (tsx lowers them for it; Vite's config bundler
// does not).

/** A base class of the runtime's servers (`calc.Calculator.Server` and friends). */
type ServerClass = abstract new () => object;

/** The parts of calculator.capnp's module object the service uses. */
interface CalculatorSchema {
  readonly Calculator: ServerHolder & {
    readonly Value: ServerHolder;
    readonly Function: ServerHolder;
    readonly Operator: Readonly<Record<string, number>>;
  };
}

interface ServerHolder {
  readonly Server: ServerClass;
}

/** A `Calculator.Expression` reader. */
interface ExpressionReader {
  which(): 'literal' | 'previousResult' | 'parameter' | 'call';
  readonly literal: number;
  readonly previousResult: ValueClient;
  readonly parameter: number;
  readonly call: { readonly function: FunctionClient; readonly params: Iterable<ExpressionReader> };
  asBuilder(): ExpressionReader;
}

interface ValueClient {
  read(): Promise<{ readonly value: number }>;
  release(): void;
}

interface FunctionClient {
  call(params: number[]): Promise<{ readonly value: number }>;
  release(): void;
}

const calc = load(
  fileURLToPath(new URL('../../examples/calculator/calculator.capnp', import.meta.url)),
) as unknown as CalculatorSchema;

/** Computes an expression, calling back into capabilities it holds (values and functions). */
async function evaluate(
  expression: ExpressionReader,
  params: readonly number[] = [],
): Promise<number> {
  switch (expression.which()) {
    case 'literal':
      return expression.literal;
    case 'previousResult': {
      // Each read of a capability field is a reference of its own, released when done.
      const value = expression.previousResult;
      try {
        return (await value.read()).value;
      } finally {
        value.release();
      }
    }
    case 'parameter': {
      const value = params[expression.parameter];
      if (value === undefined)
        throw new Error(`Parameter ${expression.parameter} is out of range.`);
      return value;
    }
    case 'call': {
      const { function: func, params: args } = expression.call;
      try {
        const values = await Promise.all([...args].map((arg) => evaluate(arg, params)));
        return (await func.call(values)).value;
      } finally {
        func.release();
      }
    }
  }
}

/** A number held by the server: `Calculator.Value`. */
class ValueImpl extends calc.Calculator.Value.Server {
  constructor(readonly value: number) {
    super();
  }

  read(): number {
    return this.value;
  }
}

/** A function defined by the client with `defFunction`: a body over its parameters. */
class FunctionImpl extends calc.Calculator.Function.Server {
  readonly #body: ExpressionReader;

  constructor(
    readonly paramCount: number,
    body: ExpressionReader,
  ) {
    super();
    // The params message is freed after the call returns: keep a copy of the body.
    this.#body = body.asBuilder();
  }

  call({ params }: { params: Iterable<number> }): Promise<number> {
    const values = [...params];
    if (values.length !== this.paramCount)
      throw new Error(`Expected ${this.paramCount} parameters, got ${values.length}.`);
    return evaluate(this.#body, values);
  }
}

/** One of the four arithmetic operators, as a `Calculator.Function`. */
class OperatorImpl extends calc.Calculator.Function.Server {
  constructor(readonly op: string) {
    super();
  }

  call({ params }: { params: Iterable<number> }): number {
    const [a, b] = [...params];
    if (a === undefined || b === undefined) throw new Error('An operator takes two parameters.');
    switch (this.op) {
      case 'add':
        return a + b;
      case 'subtract':
        return a - b;
      case 'multiply':
        return a * b;
      case 'divide':
        return a / b;
      default:
        throw new Error(`Unknown operator '${this.op}'.`);
    }
  }
}

/** The quickstart's calculator: evaluates expressions, defines functions, hands out operators. */
export class CalculatorImpl extends calc.Calculator.Server {
  async evaluate({ expression }: { expression: ExpressionReader }): Promise<ValueImpl> {
    return new ValueImpl(await evaluate(expression));
  }

  defFunction({ paramCount, body }: { paramCount: number; body: ExpressionReader }): FunctionImpl {
    return new FunctionImpl(paramCount, body);
  }

  getOperator({ op }: { op: string | number }): OperatorImpl {
    return new OperatorImpl(String(op));
  }
}

/** Serves a calculator to one WebSocket connection, until it closes. */
export function serveCalculator(socket: WebSocket): void {
  const server = new TwoPartyServer(socket, { bootstrap: new CalculatorImpl() });
  socket.on('close', () => void server.close());
}
