import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileLikeReference, type GoldenCase, optionsFor } from './support.js';

const errorsDir = join(import.meta.dirname, 'errors');
const manifest: { cases: (GoldenCase & { file: string; stderr: string })[] } = JSON.parse(
  readFileSync(join(errorsDir, 'manifest.json'), 'utf8'),
);

const ISSUE_344 = "Bad news: Cap'n Proto 0.5.x and previous contained a bug";

describe('reports errors like capnp compile (committed reference stderr)', () => {
  it.each(manifest.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const want = readFileSync(join(errorsDir, c.stderr), 'utf8').replace(/\n$/, '');
    const got = compileLikeReference(optionsFor({ ...c, files: [c.file] }));
    expect(got.bytes).toBeUndefined();
    const crash = want.indexOf('*** Uncaught exception ***');
    if (crash >= 0) {
      // The reference dies on an assertion (its issue-344 layout refusal) with an uncaught
      // exception and no location. We report the same refusal as a located error and stop
      // there too: everything before the crash must match, then our one error naming it.
      const before = want.slice(0, crash).replace(/\n$/, '');
      const member = /member\.name = (\w+)/.exec(want)?.[1];
      const lines = got.stderr.split('\n');
      const last = lines.pop() as string;
      expect(lines.join('\n')).toBe(before);
      expect(last).toContain(ISSUE_344);
      expect(last).toContain(`(field '${member}')`);
      return;
    }
    const masked = got.stderr
      .replace(/@0x[0-9a-f]{16};/g, '@0x<random>;')
      .split('\n')
      .join('\n');
    expect(masked).toBe(
      want
        .split('\n')
        .filter((l) => !l.startsWith('stack: '))
        .join('\n'),
    );
  });
});
