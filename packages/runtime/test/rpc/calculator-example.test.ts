import { describe, expect, it } from 'vitest';
import { runCalculatorDemo } from '../../../../examples/calculator/run.js';

describe('the calculator example (examples/calculator)', () => {
  it('runs the quickstart client against the quickstart server over TCP', async () => {
    const lines: string[] = [];
    await runCalculatorDemo((line) => lines.push(line));
    expect(lines).toEqual([
      'Evaluating a literal: 123',
      'A then-chain: evaluate(7).then(r => r.value.read()): 7',
      'Using add and subtract: 101',
      'Pipelining eval() calls: 27',
      'f(12, 34): 1234',
      'g(21): 4244',
      'Using a callback: pow(2, 4 + 5): 512',
    ]);
  });
});
