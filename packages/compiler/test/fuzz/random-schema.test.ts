import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomSchema } from './random-schema.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('randomSchema', () => {
  it('returns identical files for the same seed', () => {
    for (const seed of [1, 2, 42, 0xdeadbeef]) {
      const first = randomSchema(seed);
      const second = randomSchema(seed);
      expect(second, `seed ${seed}`).toEqual(first);
    }
  });

  it('returns different files for different seeds', () => {
    const texts = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      texts.add(JSON.stringify(randomSchema(seed).files));
    }
    expect(texts.size).toBe(20);
  });

  it('does not use Math.random', () => {
    const spy = vi.spyOn(Math, 'random');
    randomSchema(7);
    expect(spy).not.toHaveBeenCalled();
  });

  const cases = [
    { name: 'default options', options: {}, want: ['lib0.capnp', 'main.capnp'] },
    { name: 'one file', options: { files: 1 }, want: ['main.capnp'] },
    {
      name: 'three files',
      options: { files: 3 },
      want: ['lib0.capnp', 'lib1.capnp', 'main.capnp'],
    },
  ];
  for (const { name, options, want } of cases) {
    it(`names the files and the entry (${name})`, () => {
      const got = randomSchema(3, options);
      expect(Object.keys(got.files).sort()).toEqual(want);
      expect(got.entry).toBe('main.capnp');
      for (const [file, text] of Object.entries(got.files)) {
        expect(text, file).toMatch(/^@0x[89a-f][0-9a-f]{15};\n/);
      }
    });
  }

  it('numbers the fields of every struct 0..n-1', () => {
    for (let seed = 1; seed <= 50; seed++) {
      for (const text of Object.values(randomSchema(seed).files)) {
        // Top-level structs only: their bodies end at the first unindented `}`.
        for (const [, body] of text.matchAll(/^struct \w+[^\n]*\{\n([\s\S]*?)^\}/gm)) {
          const own = body!.split(/^ {2}(?:struct|interface|enum) /m)[0]!;
          const ordinals = [...own.matchAll(/ @(\d+)!? :/g)].map((m) => Number(m[1]));
          const want = [...ordinals.keys()];
          expect(
            ordinals.sort((a, b) => a - b),
            `seed ${seed}`,
          ).toEqual(want);
        }
      }
    }
  });
});
