/**
 * The calculator server of the RPC quickstart (pycapnp's calculator_server.py, in TypeScript):
 * evaluates expressions, hands results back as Value capabilities, defines functions, serves
 * the arithmetic operators, and calls back into functions the client implements.
 */
import { join } from 'node:path';
import * as capnp from '@capnp-kit/runtime';

// biome-ignore lint/suspicious/noExplicitAny: the loaded schema is dynamic (no generated types here)
type Any = any;

/** The calculator schema, loaded at run time like pycapnp's `capnp.load`. */
export const calculator: Any = capnp.load(join(import.meta.dirname, 'calculator.capnp'));
const { Calculator } = calculator;

/** Reads the number a Value capability holds (a call to the server or client holding it). */
async function readValue(value: Any): Promise<number> {
  const result = await value.read();
  return result.value;
}

/**
 * The value of an expression. `params` are the arguments of the function whose body is being
 * evaluated (empty for a top-level evaluate()).
 */
async function evaluateExpression(
  expression: Any,
  params: readonly number[] = [],
): Promise<number> {
  switch (expression.which()) {
    case 'literal':
      return expression.literal;
    case 'previousResult': {
      using value = expression.previousResult;
      return readValue(value);
    }
    case 'parameter': {
      const index = expression.parameter;
      if (index >= params.length) throw new Error(`Parameter ${index} is out of range.`);
      return params[index] as number;
    }
    case 'call': {
      using func = expression.call.function;
      const args = await Promise.all(
        expression.call.params.toArray().map((p: Any) => evaluateExpression(p, params)),
      );
      const result = await func.call(args);
      return result.value;
    }
    default:
      throw new Error(`Unknown expression type: ${expression.which()}.`);
  }
}

/** A number, served as a Value. */
class ValueImpl extends Calculator.Value.Server {
  constructor(readonly value: number) {
    super();
  }

  read() {
    return this.value;
  }
}

/** A function defined by the client with defFunction(): its body, evaluated on each call. */
class FunctionImpl extends Calculator.Function.Server {
  readonly #paramCount: number;
  readonly #body: Any;

  constructor(paramCount: number, body: Any) {
    super();
    this.#paramCount = paramCount;
    // The params of defFunction() are released when it returns: keep a copy of the body.
    this.#body = body.asBuilder().asReader();
  }

  async call({ params }: Any) {
    if (params.length !== this.#paramCount) {
      throw new Error(`Expected ${this.#paramCount} parameters, got ${params.length}.`);
    }
    return evaluateExpression(this.#body, params.toArray());
  }
}

/** An arithmetic operator, served as a Function of two parameters. */
class OperatorImpl extends Calculator.Function.Server {
  constructor(readonly op: string) {
    super();
  }

  call({ params }: Any) {
    if (params.length !== 2) throw new Error('An operator takes two parameters.');
    const [a, b] = params.toArray() as [number, number];
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
        throw new Error(`Unknown operator: ${this.op}.`);
    }
  }
}

/** The calculator itself (the bootstrap capability of the server). */
export class CalculatorImpl extends Calculator.Server {
  async evaluate({ expression }: Any) {
    return new ValueImpl(await evaluateExpression(expression));
  }

  // The context-only form, as the quickstart shows it.
  defFunction_context(context: Any) {
    const { paramCount, body } = context.params;
    context.results.func = new FunctionImpl(paramCount, body);
  }

  getOperator({ op }: Any) {
    return new OperatorImpl(op);
  }
}

/**
 * Starts a calculator server on `address` ('host:port'; port 0 picks a free one). It answers
 * both bootstrap() and the quickstart's ezRestore('calculator').
 */
export function startServer(address: string): capnp.TwoPartyServer {
  const calc = new CalculatorImpl();
  return new capnp.TwoPartyServer(address, {
    bootstrap: calc,
    restore: (name) => {
      if (name === 'calculator') return calc;
      throw new Error(`No such capability: ${String(name)}.`);
    },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const address = process.argv[2] ?? 'localhost:60000';
  const server = startServer(address);
  const { port } = await server.listening;
  process.stdout.write(`calculator server listening on port ${port}\n`);
}
