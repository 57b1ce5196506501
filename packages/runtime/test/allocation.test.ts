import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

// The "no allocation per scalar field read", checked on the built package: a million
// rounds of nine scalar reads (every number type, Bool, an enum, defaults) from a function V8
// has optimized. One allocation per read would be at least 16 bytes each (144 MB in all, with
// garbage collections along the way); none gives no collection and no heap growth.
it('reads scalar fields without allocating', () => {
  const script = join(import.meta.dirname, 'fixtures/allocation/read-scalars.mjs');
  const run = spawnSync(process.execPath, ['--allow-natives-syntax', '--expose-gc', script], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.stderr).toBe('');
  const figures = JSON.parse(run.stdout) as {
    bytesPerRead: number;
    collections: number;
    optimized: boolean;
    result: number;
  };
  expect(figures.optimized).toBe(true);
  // 7 - 3 + 2.5 + 1 + 1 (the name 'b') + 0.25 - 1 + 9 + 4, a million times.
  expect(figures.result).toBe(20_750_000);
  expect(figures.collections).toBe(0);
  expect(figures.bytesPerRead).toBeLessThan(0.01);
});
