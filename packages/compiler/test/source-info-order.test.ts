import { describe, expect, it } from 'vitest';
import { UnorderedMapOrder } from '../src/source-info-order.js';

// The iteration order of a libstdc++ std::unordered_map<uint64_t, T> after these inserts,
// printed by a C++ program built with GCC 12 (the compiler Debian's capnp 0.9.2 is built with).
describe('unordered_map iteration order', () => {
  it('orders a small map by bucket runs, newest bucket first', () => {
    const m = new UnorderedMapOrder();
    for (const k of [5n, 18n, 3n, 31n, 1n]) m.insert(k);
    // 13 buckets: 5 and 18 and 31 share bucket 5 (newest first within the run).
    expect(m.keys()).toEqual([1n, 3n, 31n, 18n, 5n]);
  });

  it('keeps the first insertion of a key', () => {
    const m = new UnorderedMapOrder();
    for (const k of [7n, 7n, 20n]) m.insert(k);
    expect(m.keys()).toEqual([20n, 7n]);
  });
});

describe('unordered_map iteration order, 3000 keys (scripts/umap-order.cc)', () => {
  it('matches libstdc++ through every rehash', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const want = readFileSync(join(import.meta.dirname, 'fixtures/umap-order.txt'), 'utf8')
      .trim()
      .split('\n')
      .map(BigInt);
    const m = new UnorderedMapOrder();
    const mask = (1n << 64n) - 1n;
    let x = 0x9e3779b97f4a7c15n;
    for (let i = 0; i < 3000; i++) {
      x = (x * 6364136223846793005n + 1442695040888963407n) & mask;
      m.insert(i % 7 === 3 ? x >> 48n : x | (1n << 63n));
    }
    expect(m.keys()).toEqual(want);
  });
});
