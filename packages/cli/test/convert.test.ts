import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertCommand } from '../src/convert-command.js';
import { UsageError } from '../src/usage-error.js';

/**
 * `capnp-kit convert` against what `capnp convert` (0.9.2) wrote for the same input and
 * arguments: the runtime's text/JSON goldens (every message in every format), and whole runs
 * recorded by packages/runtime/scripts/make-text-json-fixtures.sh.
 */

const root = join(import.meta.dirname, '../../..');
const fixtures = join(root, 'packages/runtime/test/fixtures/text-json');
const golden = join(fixtures, 'golden');
const std = ['--no-standard-import', '-I', join(root, 'packages/compiler/std')];

interface Run {
  stdout: Uint8Array;
  stderr: string;
  status: number;
}

/** Runs the command as `capnp-kit convert ARGS < stdin` would (usage errors printed as main does). */
function run(args: string[], stdin: Uint8Array): Run {
  const out: Uint8Array[] = [];
  let stderr = '';
  let status: number;
  try {
    status = convertCommand(args, {
      stdin: () => stdin,
      stdout: (b) => out.push(b.slice()),
      stderr: (t) => {
        stderr += t;
      },
    });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    stderr += `capnp-kit convert: ${e.message}\nTry 'capnp-kit convert --help' for more information.\n`;
    status = 1;
  }
  const stdout = new Uint8Array(out.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of out) {
    stdout.set(b, at);
    at += b.length;
  }
  return { stdout, stderr, status };
}

const file = (path: string) => new Uint8Array(readFileSync(path));

interface Case {
  schema: string;
  type: string;
  name: string;
  base: string;
  input: string | undefined;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const schema of readdirSync(join(fixtures, 'testdata')).sort()) {
    for (const type of readdirSync(join(fixtures, 'testdata', schema)).sort()) {
      for (const f of readdirSync(join(fixtures, 'testdata', schema, type)).sort()) {
        const m = /^(.*)\.(txt|json|bin)$/.exec(f);
        if (m === null) continue;
        out.push({
          schema,
          type,
          name: m[1] as string,
          base: join(golden, schema, type, m[1] as string),
          input: m[2] === 'bin' ? undefined : join(fixtures, 'testdata', schema, type, f),
        });
      }
    }
  }
  return out;
}

describe('every message, every format (goldens)', () => {
  describe.each(cases())('$schema $type $name', (c) => {
    const schemaArgs = [...std, join(fixtures, `${c.schema}.capnp`), c.type];
    const message = () => file(`${c.base}.bin`);

    if (c.input !== undefined) {
      it('reads the input as the reference does', () => {
        const from = c.input?.endsWith('.json') ? 'json' : 'text';
        const got = run([`${from}:binary`, ...schemaArgs], file(c.input as string));
        expect(got.stdout).toEqual(message());
        const status = existsSync(`${c.base}.status`)
          ? Number(readFileSync(`${c.base}.status`, 'utf8'))
          : 0;
        expect(got.status).toBe(status);
      });
    }

    const outputs: [string, string, string[]][] = [
      ['binary', 'bin', []],
      ['packed', 'packed', []],
      ['flat', 'flat', []],
      ['flat-packed', 'flat-packed', []],
      ['canonical', 'canonical', []],
      ['text', 'pretty.txt', []],
      ['text', 'short.txt', ['--short']],
      ['json', 'pretty.json', []],
      ['json', 'short.json', ['--short']],
    ];
    it.each(outputs)('binary:%s writes .%s', (to, ext, flags) => {
      const got = run([...flags, `binary:${to}`, ...schemaArgs], message());
      if (to === 'json' && existsSync(`${c.base}.json-failed`)) {
        expect(got.status).toBe(1);
        expect(got.stderr).toMatch(/^\*\*\* Uncaught exception \*\*\*\n.*AnyPointer/);
        return;
      }
      expect(got.stdout).toEqual(file(`${c.base}.${ext}`));
      expect(got.status).toBe(0);
    });

    it.each(['packed', 'flat', 'flat-packed'])('%s:binary reads it back', (from) => {
      const got = run([`${from}:binary`, '--quiet'], file(`${c.base}.${from}`));
      expect(got.stdout).toEqual(message());
    });

    it('canonical:canonical keeps it', () => {
      const canonical = file(`${c.base}.canonical`);
      expect(run(['canonical:canonical', '--quiet'], canonical).stdout).toEqual(canonical);
    });
  });
});

/** A recorded `capnp convert` run: its arguments (paths made absolute) and stdin. */
function recorded(name: string): { args: string[]; stdin: Uint8Array } {
  const lines = readFileSync(join(golden, 'cli', `${name}.args`), 'utf8')
    .split('\n')
    .slice(0, -1);
  const absolute = (a: string) => (a.startsWith('packages/') ? join(root, a) : a);
  return { stdin: file(absolute(lines[0] as string)), args: lines.slice(1).map(absolute) };
}

const runs = readdirSync(join(golden, 'cli'))
  .filter((f) => f.endsWith('.args'))
  .map((f) => f.slice(0, -'.args'.length))
  .sort();

describe('whole runs of `capnp convert` (goldens)', () => {
  it.each(runs)('%s', (name) => {
    const { args, stdin } = recorded(name);
    const got = run(args, stdin);
    const want = readFileSync(join(golden, 'cli', `${name}.stderr`), 'utf8');
    expect(got.stdout).toEqual(file(join(golden, 'cli', `${name}.stdout`)));
    expect(got.status).toBe(Number(readFileSync(join(golden, 'cli', `${name}.status`), 'utf8')));
    // Our messages name our command; code locations name the reference's C++ sources.
    const ours = want.replaceAll('capnp convert', 'capnp-kit convert');
    if (/^Code location: (?!\(capnp text input\))/m.test(want) || want.includes('Uncaught')) {
      expect(got.stderr.split('\n')[0]).toBe(ours.split('\n')[0]);
    } else expect(got.stderr).toBe(ours);
  });
});

describe('convert usage', () => {
  it('prints help', () => {
    const got = run(['--help'], new Uint8Array(0));
    expect(new TextDecoder().decode(got.stdout)).toMatch(/^Usage: capnp-kit convert /);
    expect(got.status).toBe(0);
  });

  const usage: [string[], string][] = [
    [[], 'missing argument <from>:<to>'],
    [['binary'], 'binary: invalid conversion, format is: <from>:<to>'],
    [['text:yaml'], 'text:yaml: unknown format: yaml'],
    [['--segment-size=x', 'binary:binary'], '--segment-size=x: not an integer'],
    [['--bogus', 'binary:binary'], '--bogus: unrecognized option'],
    [['binary:json'], 'format requires schema: json'],
    [['binary:binary', 'no/such/file.capnp'], 'no/such/file.capnp: no such file'],
  ];
  it.each(usage)('%j: %s', (args, message) => {
    expect(run(args, new Uint8Array(8)).stderr).toContain(`capnp-kit convert: ${message}\n`);
  });

  it('fails on empty input unless --quiet', () => {
    expect(run(['binary:binary'], new Uint8Array(0)).status).toBe(1);
    expect(run(['binary:binary', '--quiet'], new Uint8Array(0))).toEqual({
      stdout: new Uint8Array(0),
      stderr: '',
      status: 0,
    });
  });

  it('reports a truncated binary message after converting what it could', () => {
    const got = run(
      ['binary:text', '--quiet', ...std, join(fixtures, 'all-types.capnp'), 'Late'],
      new Uint8Array([0, 0, 0, 0, 4, 0, 0, 0]),
    );
    expect(new TextDecoder().decode(got.stdout)).toBe('(head = 0)\n');
    expect(got.stderr).toMatch(/^\*\*\* ERROR CONVERTING PREVIOUS MESSAGE \*\*\*\n/);
    expect(got.status).toBe(1);
  });
});
