import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { schemaDeclarations } from '@capnp-kit/ts-plugin';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFromDisk } from '../src/read-file.js';
import { type SidecarOptions, watchSidecars, writeSidecars } from '../src/types-command.js';

const BIN = resolve(import.meta.dirname, '../bin/capnp-kit.js');
const ADDRESSBOOK = readFileSync(
  resolve(import.meta.dirname, '../../../examples/quickstart/addressbook.capnp'),
  'utf8',
);
const SHAPES = '@0xd2a4f8bb1f2d2f11;\nstruct Shape {\n  sides @0 :UInt32;\n}\n';
const DRAWING =
  '@0xe1c07f60f3bd7a21;\nusing import "shapes.capnp".Shape;\nstruct Drawing {\n  shapes @0 :List(Shape);\n}\n';

let dir: string;
let out: string[];
let err: string[];

function options(paths: string[]): SidecarOptions {
  return {
    paths,
    cwd: dir,
    importPaths: [],
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  };
}

/** The declarations the CLI must write for a schema: those of @capnp-kit/ts-plugin. */
function declarations(schema: string): string {
  const result = schemaDeclarations(schema, { readFile: readFromDisk, cwd: dir });
  if (!result.ok) throw result.error;
  return result.text;
}

function write(path: string, text: string): void {
  mkdirSync(resolve(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

async function eventually(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'capnp-kit-types-'));
  out = [];
  err = [];
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('capnp-kit types', () => {
  it('writes x.d.capnp.ts next to every schema of a directory tree', () => {
    write(join(dir, 'addressbook.capnp'), ADDRESSBOOK);
    write(join(dir, 'geo/shapes.capnp'), SHAPES);
    write(join(dir, 'geo/drawing.capnp'), DRAWING);
    write(join(dir, 'node_modules/dep/skipped.capnp'), SHAPES);
    write(join(dir, '.hidden/skipped.capnp'), SHAPES);
    expect(writeSidecars(options(['.']))).toBe(0);
    for (const schema of ['addressbook.capnp', 'geo/shapes.capnp', 'geo/drawing.capnp']) {
      const path = join(dir, schema);
      expect(readFileSync(path.replace(/\.capnp$/, '.d.capnp.ts'), 'utf8')).toBe(
        declarations(path),
      );
    }
    expect(existsSync(join(dir, 'node_modules/dep/skipped.d.capnp.ts'))).toBe(false);
    expect(existsSync(join(dir, '.hidden/skipped.d.capnp.ts'))).toBe(false);
    expect(out.sort()).toEqual([
      'wrote addressbook.d.capnp.ts',
      'wrote geo/drawing.d.capnp.ts',
      'wrote geo/shapes.d.capnp.ts',
    ]);
    expect(err).toEqual([]);
  });

  it('writes a file only when its content changes', () => {
    const schema = join(dir, 'addressbook.capnp');
    const sidecar = join(dir, 'addressbook.d.capnp.ts');
    write(schema, ADDRESSBOOK);
    writeSidecars(options([schema]));
    const past = new Date(2000, 0, 1);
    utimesSync(sidecar, past, past);
    out = [];
    writeSidecars(options([schema]));
    expect(out).toEqual([]);
    expect(statSync(sidecar).mtimeMs).toBe(past.getTime());
    write(schema, ADDRESSBOOK.replace('email @2 :Text;', 'email @2 :Text;\n  age @8 :UInt8;'));
    writeSidecars(options([schema]));
    expect(out).toEqual(['wrote addressbook.d.capnp.ts']);
    expect(readFileSync(sidecar, 'utf8')).toBe(declarations(schema));
  });

  it('reports a broken schema as the compiler does and still writes the others', () => {
    write(join(dir, 'broken.capnp'), '@0xd2a4f8bb1f2d2f12;\nstruct Broken {\n  x @0 :Nope;\n}\n');
    write(join(dir, 'shapes.capnp'), SHAPES);
    expect(writeSidecars(options(['.']))).toBe(1);
    expect(err.join('\n')).toMatch(/broken\.capnp:3:\d+-\d+: error: /);
    expect(existsSync(join(dir, 'broken.d.capnp.ts'))).toBe(false);
    expect(existsSync(join(dir, 'shapes.d.capnp.ts'))).toBe(true);
  });

  it('--watch rewrites declarations when a schema or a schema it imports changes', async () => {
    write(join(dir, 'shapes.capnp'), SHAPES);
    write(join(dir, 'drawing.capnp'), DRAWING);
    const stop = new AbortController();
    const watching = watchSidecars(options(['.']), stop.signal);
    const sidecar = (name: string) => join(dir, `${name}.d.capnp.ts`);
    const current = (name: string) => readFileSync(sidecar(name), 'utf8');
    try {
      expect(current('drawing')).toBe(declarations(join(dir, 'drawing.capnp')));
      write(join(dir, 'shapes.capnp'), SHAPES.replace('}', '  color @1 :Text;\n}'));
      await eventually(
        () => current('shapes').includes('color') && current('drawing').includes('color'),
        'both declarations to have the new field',
      );
      expect(current('drawing')).toBe(declarations(join(dir, 'drawing.capnp')));
      write(join(dir, 'more.capnp'), SHAPES.replace('0xd2a4f8bb1f2d2f11', '0xd2a4f8bb1f2d2f13'));
      await eventually(() => existsSync(sidecar('more')), 'a new schema’s declarations');
    } finally {
      stop.abort();
      await watching;
    }
  });

  it('runs from the command line', () => {
    write(join(dir, 'addressbook.capnp'), ADDRESSBOOK);
    const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir });
    const first = run(['types']);
    expect(first.status).toBe(0);
    expect(first.stdout.toString()).toBe('wrote addressbook.d.capnp.ts\n');
    expect(readFileSync(join(dir, 'addressbook.d.capnp.ts'), 'utf8')).toBe(
      declarations(join(dir, 'addressbook.capnp')),
    );
    expect(run(['types', 'addressbook.capnp']).stdout.toString()).toBe('');
    const wrong = run(['types', '--frobnicate']);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr.toString()).toMatch(/^capnp-kit types: --frobnicate: unrecognized option/);
    expect(run(['types', 'missing.capnp']).status).toBe(1);
  });
});
