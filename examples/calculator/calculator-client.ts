/**
 * The calculator client of the RPC quickstart (pycapnp's calculator_client.py, in TypeScript):
 * each step shows promise pipelining — results used before they arrive — and the last one has
 * the server call back a function implemented here.
 */
import * as capnp from '@capnp-kit/runtime';
import { calculator } from './calculator-server.js';

// biome-ignore lint/suspicious/noExplicitAny: the loaded schema is dynamic (no generated types here)
type Any = any;
const { Calculator } = calculator;

/** A function implemented by the client: the server calls it back when evaluating. */
class PowerFunction extends Calculator.Function.Server {
  call({ params }: Any) {
    const [base, exponent] = params.toArray() as [number, number];
    return base ** exponent;
  }
}

/** What one step printed and computed. */
export interface Step {
  readonly title: string;
  readonly value: number;
}

/**
 * Runs the quickstart's steps against the calculator of `client` and returns what each
 * computed (also printed through `log`).
 */
export async function runCalculatorClient(
  client: capnp.TwoPartyClient,
  log: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<Step[]> {
  const steps: Step[] = [];
  const report = (title: string, value: number) => {
    log(`${title}: ${value}`);
    steps.push({ title, value });
  };
  // pycapnp: client.ez_restore('calculator').cast_as(calculator_capnp.Calculator)
  // (Clients and results hold references to objects on the server. A long-running program
  // release()s them, or declares them with `using`; here closing the connection frees them.)
  const calc = client.ezRestore('calculator').castAs(Calculator);

  // A literal. The request syntax; read() is pipelined on the returned Value, so this costs
  // one round trip.
  const request = calc.evaluateRequest();
  request.expression.literal = 123;
  const evaluated = request.send();
  report('Evaluating a literal', (await evaluated.value.read()).value);

  // The short syntax, and a then-chain (pycapnp: promise.then(lambda ret: ret.value.read())).
  const chained = await calc.evaluate({ literal: 7 }).then((results: Any) => results.value.read());
  report('A then-chain: evaluate(7).then(r => r.value.read())', chained.value);

  // Operators are capabilities of the server: fetch them and use them, in one round trip.
  const add = calc.getOperator('add').func;
  const subtract = calc.getOperator('subtract').func;
  const multiply = calc.getOperator('multiply').func;
  const difference = calc.evaluate({
    call: {
      function: subtract,
      params: [
        { call: { function: add, params: [{ literal: 123 }, { literal: 45 }] } },
        { literal: 67 },
      ],
    },
  });
  report('Using add and subtract', (await difference.value.read()).value);

  // The result of one evaluate() feeds the next before it is known.
  const product = calc.evaluate({
    call: { function: multiply, params: [{ literal: 4 }, { literal: 6 }] },
  });
  const sum = calc.evaluate({
    call: { function: add, params: [{ previousResult: product.value }, { literal: 3 }] },
  });
  report('Pipelining eval() calls', (await sum.value.read()).value);

  // Functions defined on the server: f(x, y) = x * 100 + y, g(x) = f(x, x + 1) * 2.
  const f = calc.defFunction(2, {
    call: {
      function: add,
      params: [
        { call: { function: multiply, params: [{ parameter: 0 }, { literal: 100 }] } },
        { parameter: 1 },
      ],
    },
  }).func;
  const g = calc.defFunction(1, {
    call: {
      function: multiply,
      params: [
        {
          call: {
            function: f,
            params: [
              { parameter: 0 },
              { call: { function: add, params: [{ parameter: 0 }, { literal: 1 }] } },
            ],
          },
        },
        { literal: 2 },
      ],
    },
  }).func;
  const fOf = calc.evaluate({ call: { function: f, params: [{ literal: 12 }, { literal: 34 }] } });
  const gOf = calc.evaluate({ call: { function: g, params: [{ literal: 21 }] } });
  report('f(12, 34)', (await fOf.value.read()).value);
  report('g(21)', (await gOf.value.read()).value);

  // A function implemented here: the server calls back into this process.
  const power = calc.evaluate({
    call: {
      function: new PowerFunction(),
      params: [
        { literal: 2 },
        { call: { function: add, params: [{ literal: 4 }, { literal: 5 }] } },
      ],
    },
  });
  report('Using a callback: pow(2, 4 + 5)', (await power.value.read()).value);
  return steps;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const client = new capnp.TwoPartyClient(process.argv[2] ?? 'localhost:60000');
  await runCalculatorClient(client);
  await client.close();
}
