import { WireError } from '@capnp-kit/runtime';
import { pack } from '@capnp-kit/wire';
import { describe, expect, it } from 'vitest';
import { runCampaign } from '../src/engine/campaign.js';
import { executedIntervals } from '../src/engine/coverage.js';
import { check } from '../src/engine/invariants.js';
import { minimize } from '../src/engine/minimize.js';
import { havoc } from '../src/engine/mutate-bytes.js';
import { Rng } from '../src/engine/rng.js';
import { InvariantViolation, type Target } from '../src/engine/target.js';
import { ANY_WIRE_CODE, judgeTypedError } from '../src/engine/typed-errors.js';
import { packedWords } from '../src/targets/packed-words.js';

/** The fuzzing engine itself: a harness that cannot see a bug proves nothing. */

/** A target over raw bytes whose `run` is given; judged by the wire codes. */
function fakeTarget(run: Target['run']): Target {
  return {
    name: 'fake',
    about: 'test',
    maxInputBytes: 256,
    headerBytes: 0,
    slowMs: 60_000,
    seeds: () => [Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8)],
    dictionary: () => [],
    mutate: () => undefined,
    run,
    judge: (e) => judgeTypedError(e, { wire: ANY_WIRE_CODE, capnp: new Set() }),
    describe: (input) => Buffer.from(input).toString('hex'),
  };
}

describe('invariant checks', () => {
  const table: { name: string; run: Target['run']; want: string | undefined }[] = [
    { name: 'a return', run: () => 1, want: undefined },
    {
      name: 'a documented WireError',
      run: () => {
        throw new WireError('truncated', 'x');
      },
      want: undefined,
    },
    {
      name: 'a TypeError',
      run: () => {
        throw new TypeError('x');
      },
      want: 'unexpected-error',
    },
    {
      name: 'a WireError with an undocumented code',
      run: () => {
        throw new WireError('made-up' as 'truncated', 'x');
      },
      want: 'unexpected-error',
    },
    {
      name: "a target's own invariant",
      run: () => {
        throw new InvariantViolation('round trip: differs');
      },
      want: 'invariant',
    },
    {
      name: 'writing to the input',
      run: (input) => {
        input[0] = 0xff;
      },
      want: 'input-mutated',
    },
    {
      name: 'a rejected promise',
      run: async () => {
        throw new RangeError('x');
      },
      want: 'unexpected-error',
    },
  ];
  for (const { name, run, want } of table) {
    it(`${name}: ${want ?? 'no violation'}`, async () => {
      const outcome = await check(fakeTarget(run), Uint8Array.of(1, 2, 3), false);
      expect(outcome.violation?.kind).toBe(want);
    });
  }
});

describe('runCampaign', () => {
  it('finds a planted bug, reports it once, and minimizes its input to the byte that matters', async () => {
    // Throws a TypeError on any input holding 0x42 (which the seed does not).
    const target = fakeTarget((input) => {
      if (input.includes(0x42)) throw new TypeError('planted');
    });
    const { stats, found } = await runCampaign(target, {
      runs: 20_000,
      seed: 3,
      coverage: false,
      bounds: false,
    });
    expect(stats.runs).toBe(20_000);
    expect(found).toHaveLength(1);
    expect(found[0]?.violation.kind).toBe('unexpected-error');
    expect(stats.violatingInputs).toBeGreaterThan(1);
    expect([...(found[0]?.minimized ?? [])]).toEqual([0x42]);
  });

  it('is deterministic for a seed', async () => {
    const seen: string[][] = [[], []];
    for (const k of [0, 1]) {
      const target = fakeTarget((input) => {
        seen[k]?.push(Buffer.from(input).toString('hex'));
      });
      await runCampaign(target, { runs: 500, seed: 9, coverage: false, bounds: false });
    }
    expect(seen[0]).toEqual(seen[1]);
    expect(new Set(seen[0]).size).toBeGreaterThan(100);
  });
});

describe('minimize', () => {
  it('keeps the bytes a predicate needs, in order', async () => {
    const input = Uint8Array.from({ length: 200 }, (_, i) => (i * 37) & 255);
    const needs = (b: Uint8Array) =>
      b.includes(37) && b.includes(74) && b.indexOf(37) < b.indexOf(74);
    const got = await minimize(input, async (b) => needs(b), { runs: 10_000, ms: 60_000 });
    expect([...got]).toEqual([37, 74]);
  });
});

describe('executedIntervals (V8 block coverage to executed source ranges)', () => {
  it('subtracts blocks that did not run, and adds back blocks inside them that did', () => {
    const out: number[] = [];
    executedIntervals(
      [
        { startOffset: 0, endOffset: 100, count: 1 },
        { startOffset: 10, endOffset: 50, count: 0 },
        { startOffset: 20, endOffset: 30, count: 2 },
        { startOffset: 60, endOffset: 70, count: 0 },
      ],
      out,
    );
    expect(out).toEqual([0, 10, 20, 30, 50, 60, 70, 100]);
  });

  it('gives nothing for a function that did not run', () => {
    const out: number[] = [];
    executedIntervals([{ startOffset: 5, endOffset: 9, count: 0 }], out);
    expect(out).toEqual([]);
  });
});

describe('mutation helpers', () => {
  it('Rng is deterministic and stays in range', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    for (let i = 0; i < 1000; i++) {
      const x = a.below(7);
      expect(x).toBe(b.below(7));
      expect(x >= 0 && x < 7).toBe(true);
    }
  });

  it('havoc keeps inputs within the length limit and changes them', () => {
    const rng = new Rng(1);
    const input = Uint8Array.from({ length: 64 }, (_, i) => i);
    let changed = 0;
    for (let i = 0; i < 500; i++) {
      const out = havoc(input, rng, {
        maxLength: 100,
        corpus: [input],
        dictionary: [],
        keepPrefix: 0,
      });
      expect(out.length).toBeLessThanOrEqual(100);
      if (Buffer.compare(out, input) !== 0) changed++;
    }
    expect(changed).toBeGreaterThan(400);
  });

  it('packedWords counts what pack() encodes', () => {
    const rng = new Rng(5);
    for (let i = 0; i < 200; i++) {
      const words = rng.below(600);
      const bytes = Uint8Array.from({ length: words * 8 }, () =>
        rng.oneIn(3) ? rng.below(256) : 0,
      );
      expect(packedWords(pack(bytes))).toBe(words);
    }
  });
});
