import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '../../..');
const cli = join(repo, 'packages/cli/bin/capnp-kit.js');
const goldens = join(repo, 'packages/compiler/test/golden');
const hasCapnp = existsSync('/usr/bin/capnp');
if (process.env.CI && !hasCapnp) throw new Error('CI must have the reference capnp installed');

interface Golden {
  name: string;
  cgr: string;
  files: string[];
  srcPrefix: string;
  importPaths: string[];
  noStandardImport: boolean;
}
const manifest: { goldens: Golden[] } = JSON.parse(
  readFileSync(join(goldens, 'manifest.json'), 'utf8'),
);

function run(args: readonly string[], input?: Uint8Array) {
  return spawnSync(process.execPath, [cli, ...args], { cwd: repo, input, maxBuffer: 1 << 28 });
}

function flags(g: Golden): string[] {
  return [
    ...(g.noStandardImport ? ['--no-standard-import'] : []),
    ...g.importPaths.map((p) => `-I${p}`),
    `--src-prefix=${g.srcPrefix}`,
    ...g.files,
  ];
}

const scratch = mkdtempSync(join(tmpdir(), 'capnp-kit-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('capnp-kit compile', () => {
  const picked = manifest.goldens.filter((g) =>
    ['addressbook', 'multi', 'all', 'calculator'].includes(g.name),
  );
  it.each(picked.map((g) => [g.name, g]))(
    '-o- writes the same bytes as capnp compile -o- (%s)',
    (_name, g) => {
      const r = run(['compile', '-o-', ...flags(g as Golden)]);
      expect(r.stderr.toString()).toBe('');
      expect(r.status).toBe(0);
      expect(Buffer.compare(r.stdout, readFileSync(join(goldens, (g as Golden).cgr)))).toBe(0);
    },
  );

  it('hands plugins the request on stdin, in the output directory', () => {
    // A plugin that stores what it was given and where it ran.
    const plugin = join(scratch, 'capnpc-store');
    writeFileSync(
      plugin,
      `#!/usr/bin/env node
const fs = require('node:fs');
fs.writeFileSync('request.bin', fs.readFileSync(0));
fs.writeFileSync('cwd.txt', process.cwd());
`,
    );
    chmodSync(plugin, 0o755);
    const out = mkdtempSync(join(scratch, 'out-'));
    const g = manifest.goldens.find((x) => x.name === 'addressbook') as Golden;
    const r = run(['compile', `-o${plugin}:${out}`, ...flags(g)]);
    expect(r.stderr.toString()).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(join(out, 'cwd.txt'), 'utf8')).toBe(out);
    const given = readFileSync(join(out, 'request.bin'));
    expect(Buffer.compare(given, readFileSync(join(goldens, g.cgr)))).toBe(0);
  });

  it('reports schema errors like capnp, with exit status 1', () => {
    const bad = join(scratch, 'bad.capnp');
    writeFileSync(bad, '@0xd5ae1ad5a4a1c0f1;\nstruct Foo { x @0 :Nope; }\n');
    const ours = run(['compile', '-o-', bad]);
    expect(ours.status).toBe(1);
    expect(ours.stdout.length).toBe(0);
    expect(ours.stderr.toString()).toMatch(/bad\.capnp:2:20-24: error: Not defined: Nope/);
    if (hasCapnp) {
      const ref = spawnSync('capnp', ['compile', '-o-', bad], { cwd: repo });
      expect(ours.stderr.toString()).toBe(ref.stderr.toString());
      expect(ours.status).toBe(ref.status);
    }
  });

  it('rejects unknown options and missing files with a usage error', () => {
    const unknown = run(['compile', '--frobnicate', 'x.capnp']);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr.toString()).toContain('--frobnicate: unrecognized option');
    const missing = run(['compile', '-o-', join(scratch, 'nope.capnp')]);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr.toString()).toContain('nope.capnp');
  });
});

describe('capnp-kit id', () => {
  it('prints a fresh file ID: 64 bits, top bit set, as capnp id does', () => {
    const a = run(['id']).stdout.toString();
    const b = run(['id']).stdout.toString();
    expect(a).toMatch(/^@0x[89a-f][0-9a-f]{15}\n$/);
    expect(a).not.toBe(b);
    if (hasCapnp) {
      const ref = spawnSync('capnp', ['id']).stdout.toString();
      expect(ref).toMatch(/^@0x[89a-f][0-9a-f]{15}\n$/);
    }
  });
});
