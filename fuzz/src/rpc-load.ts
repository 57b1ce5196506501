import { parseArgs } from 'node:util';
import {
  bothWays,
  concurrentCalls,
  slowReader,
  vanishMidCall,
  vanishMidFrame,
} from '../../packages/runtime/test/rpc/load-scenarios.js';

/**
 * `pnpm rpc-load [--scale N] [--rounds R]`: the RPC load and fault scenarios of the runtime's
 * tests (packages/runtime/test/rpc/load-scenarios.ts), run large. Every scenario checks its
 * results, that every promise it made settled and that every RPC table is empty afterwards, and
 * throws on the first thing that does not hold; this prints the figures of each round, and the
 * heap before and after (garbage collected) so a leak across rounds shows.
 */

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
  },
});
const scale = Number(values.scale);
const rounds = Number(values.rounds);
if (!(scale >= 1 && rounds >= 1)) {
  console.error('usage: pnpm rpc-load [--scale N ≥ 1] [--rounds R ≥ 1]');
  process.exit(2);
}

function heapMiB(): string {
  globalThis.gc?.();
  return (process.memoryUsage().heapUsed / 1048576).toFixed(1);
}

async function timed(name: string, run: () => Promise<unknown>): Promise<void> {
  const start = performance.now();
  const figures = await run();
  const ms = performance.now() - start;
  console.log(`  ${name}: ${ms.toFixed(0)} ms ${JSON.stringify(figures)}`);
}

console.log(`heap before: ${heapMiB()} MiB (scale ${scale}, ${rounds} rounds)`);
for (let round = 1; round <= rounds; round++) {
  console.log(`round ${round}`);
  await timed('concurrent calls, TCP', () =>
    concurrentCalls({ connections: 10 * scale, calls: 200, transport: 'tcp' }),
  );
  await timed('concurrent calls, in memory', () =>
    concurrentCalls({ connections: 4 * scale, calls: 500, transport: 'memory' }),
  );
  for (const side of ['client', 'server'] as const) {
    await timed(`vanish mid-call (${side})`, () => vanishMidCall({ side, hanging: 20 * scale }));
  }
  for (const how of ['destroy', 'end'] as const) {
    await timed(`vanish mid-frame (${how})`, () => vanishMidFrame({ how, hanging: 5 * scale }));
  }
  await timed('slow reader', () => slowReader({ calls: 40 * scale, bytes: 256 * 1024 }));
  await timed('both ways', () => bothWays({ calls: 2 * scale, bytes: 2 * 1024 * 1024 }));
  console.log(`heap after round ${round}: ${heapMiB()} MiB`);
}
