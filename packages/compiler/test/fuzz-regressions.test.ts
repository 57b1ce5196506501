import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, formatDiagnostic } from '@capnp-kit/compiler';
import { describe, expect, it } from 'vitest';
import { readFromDisk, referenceVersion, repoRoot } from './support.js';

/**
 * Bugs the compile fuzzing campaign (fuzz/, `pnpm fuzz compile`) found, each with the reference's
 * output for it (fuzz-regressions/<name>.stderr, made by `capnp compile -o-`, stack masked).
 */

const dir = 'packages/compiler/test/fuzz-regressions';
const ISSUE_344 = "Bad news: Cap'n Proto 0.5.x and previous contained a bug";

function referenceStderr(file: string): string {
  try {
    execFileSync('capnp', ['compile', '-o-', file], { cwd: repoRoot, stdio: 'pipe' });
    return '';
  } catch (e) {
    return String((e as { stderr: Buffer }).stderr).replace(/^stack: .*$/m, 'stack: <masked>');
  }
}

describe('fuzz regressions: compile()', () => {
  const file = `${dir}/issue-344-in-group.capnp`;
  const golden = readFileSync(join(repoRoot, dir, 'issue-344-in-group.stderr'), 'utf8');

  it.runIf(referenceVersion() !== undefined)('the golden is what the reference prints', () => {
    expect(referenceStderr(file)).toBe(golden);
  });

  it('reports issue 344 met while finishing a union as an error, never throws', () => {
    const result = compile({ files: [file], cwd: repoRoot, readFile: readFromDisk });
    expect(result.request).toBeUndefined();
    const lines = result.diagnostics.map(formatDiagnostic);
    const last = lines.pop() as string;
    // The reference's errors before its uncaught exception, then ours naming the refusal,
    // located at the union whose discriminant could not be placed (`r`, lines 9-13, so the
    // reference's form for a range over several lines: `file:9: error:`).
    const before = golden.slice(0, golden.indexOf('*** Uncaught exception ***')).trimEnd();
    expect(lines.join('\n')).toBe(before);
    expect(last).toContain(ISSUE_344);
    expect(last.startsWith(`${file}:9: error: `)).toBe(true);
    expect(result.diagnostics.at(-1)?.code).toBe('layout');
  });
});
