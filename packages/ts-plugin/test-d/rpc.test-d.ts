/**
 * Interfaces, typed as the RPC API has them (examples/calculator/calculator.capnp, the pycapnp
 * quickstart's calculator): client methods with positional params and request builders,
 * pipelined promises, and Server classes to extend.
 */
import { expectTypeOf } from 'vitest';
import calc, { type Calculator } from './calculator.capnp';

declare const calculator: Calculator.Client;

// The short form: params in schema order, as plain objects.
const evaluated = calculator.evaluate({ literal: 123 });
expectTypeOf(evaluated).toMatchTypeOf<Promise<Calculator.evaluate.Results.Reader>>();
// @ts-expect-error -- a wrong field type in a param
calculator.evaluate({ literal: '123' });
// @ts-expect-error -- an unknown field in a param
calculator.evaluate({ literl: 123 });
calculator.getOperator('add');
// @ts-expect-error -- a wrong enumerant name
calculator.getOperator('modulo');
calculator.defFunction(2, { parameter: 0 });

// Pipelining: the result's capability is callable before the promise resolves.
const read = evaluated.value.read();
expectTypeOf(read).toMatchTypeOf<Promise<Calculator.Value.read.Results.Reader>>();
async function results(): Promise<void> {
  expectTypeOf((await read).value).toEqualTypeOf<number>();
  expectTypeOf((await evaluated).value).toEqualTypeOf<Calculator.Value.Client | null>();
}
results();

// The request form: a builder of the params, then send().
const request = calculator.evaluateRequest();
request.expression.literal = 123;
const call = request.expression.init('call');
call.function = calculator.getOperator('add').func;
call.init('params', 2).set(0, { literal: 1 });
expectTypeOf(request.send()).toEqualTypeOf(evaluated);
// @ts-expect-error -- no such method
calculator.evaluat({ literal: 1 });

// Servers: extend the interface's Server class and implement its methods.
class ValueImpl extends calc.Calculator.Value.Server {
  constructor(readonly value: number) {
    super();
  }
  read() {
    return this.value;
  }
}

class OperatorImpl extends calc.Calculator.Function.Server {
  async call({ params }: Calculator.Function.call.Params.Reader) {
    const [a = 0, b = 0] = params.toArray();
    return { value: a + b };
  }
}

class CalculatorImpl extends calc.Calculator.Server {
  evaluate({ expression }: Calculator.evaluate.Params.Reader) {
    return new ValueImpl(expression.which() === 'literal' ? expression.literal : 0);
  }
  defFunction_context(context: Calculator.defFunction.Context) {
    context.results.func = new OperatorImpl();
  }
  getOperator(_params: Calculator.getOperator.Params.Reader) {
    return new OperatorImpl();
  }
}
expectTypeOf(new CalculatorImpl()).toMatchTypeOf<Calculator.Server>();

class WrongServer extends calc.Calculator.Value.Server {
  // @ts-expect-error -- read() returns a Float64, not a string
  read() {
    return 'one';
  }
}
expectTypeOf(WrongServer).toBeConstructibleWith();

// Interface types are tokens: a client can be cast to one.
expectTypeOf(calculator.castAs(calc.Calculator.Value)).toEqualTypeOf<Calculator.Value.Client>();
