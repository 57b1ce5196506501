import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeGeneratorRequest } from '@capnp-kit/compiler/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSync, resolveSync } from '../src/node/hooks.js';
import { capnpModuleSource } from '../src/node/module-source.js';

/**
 * The Node module loader, run for real: `node --import <register> app.mjs` on fixture projects.
 * The spawned processes use the built dist (`npx tsc -b`), not these sources.
 */

const fixtures = join(import.meta.dirname, 'fixtures/loader');
const dist = join(import.meta.dirname, '../dist');
const register = join(dist, 'node/register.js');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function node(project: string, args: readonly string[]): Run {
  const run = spawnSync(process.execPath, args, { cwd: join(fixtures, project), encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Runs `script` of fixture `project` with the loader; returns what it printed, parsed. */
function output(project: string, script = 'app.mjs', loader = register): unknown {
  const run = node(project, ['--import', loader, script]);
  expect(run.stderr, `stderr of ${project}/${script}`).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

const capnpTool = spawnSync('capnp', ['--version']).status === 0;

/** The request a generated module hands to loadCompiled (its literal, evaluated). */
function embeddedRequest(source: string): CodeGeneratorRequest {
  const literal = /^const schema = loadCompiled\((.*)\);$/m.exec(source)?.[1];
  if (literal === undefined) throw new Error(`no embedded request in:\n${source}`);
  return new Function(`return ${literal};`)() as CodeGeneratorRequest;
}

beforeAll(() => {
  if (!existsSync(register) || !existsSync(join(dist, 'index.js')))
    throw new Error(`The loader tests run the built runtime: ${register} is missing (npx tsc -b).`);
});

describe('node --import @capnp-kit/runtime/register', () => {
  const basic = {
    qux: 123,
    declarations: ['qux', 'Person', 'AddressBook'],
    sameTypes: true,
    sameRuntime: true,
    phoneTypes: { mobile: 0, home: 1, work: 2 },
    read: { id: 1, name: 'Alice', employment: 'unemployed' },
  };

  it('imports a schema: default export = module object, named exports = declarations', () => {
    expect(output('basic')).toEqual(basic);
  });

  it('is found by package name (the ./register export)', () => {
    expect(output('basic', 'app.mjs', '@capnp-kit/runtime/register')).toEqual(basic);
  });

  it('compiles imports as capnp does: relative files and /capnp/c++.capnp', () => {
    expect(output('imports')).toEqual({
      drawing: { colour: 'green', points: [[1, 2]] },
      origin: [0, 0],
      colours: { red: 0, green: 1 },
      samePoint: true,
      sameAsLoad: true,
    });
  });

  it('exports declarations named like keywords; `default` stays the module object', () => {
    expect(output('names')).toEqual({
      exports: ['Schema', 'class', 'default'],
      class: 7,
      defaultIsModule: true,
      defaultConst: 1,
    });
  });

  const diagnostics = [
    'broken.capnp:4:9-13: error: Not defined: Nope',
    'broken.capnp:5:6-7: error: Duplicate ordinal number.',
    'broken.capnp:4:6-7: error: Ordinal @0 originally used here.',
  ];

  it("fails the import of a schema with errors, with the compiler's diagnostics", () => {
    const run = node('broken', ['--import', register, 'app.mjs']);
    expect(run.status).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(diagnostics.join('\n'));
    expect(output('broken', 'catch.mjs')).toEqual({
      name: 'CompileError',
      code: 'compile-failed',
      message: diagnostics.join('\n'),
    });
  });

  it.skipIf(!capnpTool)('reports the errors `capnp compile` reports', () => {
    const cwd = join(fixtures, 'broken');
    // PWD must match the directory, or capnp warns about it on stderr.
    const env = { ...process.env, PWD: cwd };
    const reference = spawnSync('capnp', ['compile', '-o-', 'broken.capnp'], {
      cwd,
      env,
      encoding: 'utf8',
    });
    expect(reference.stderr.trimEnd().split('\n')).toEqual(diagnostics);
  });

  it('is what makes .capnp importable (without it Node refuses the extension)', () => {
    const run = node('basic', ['app.mjs']);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('ERR_UNKNOWN_FILE_EXTENSION');
  });
});

describe('the synchronous hooks (module.registerHooks, Node 22.15+)', () => {
  const schema = pathToFileURL(join(fixtures, 'basic/addressbook.capnp')).href;
  const fail = () => {
    throw new Error('the next hook was called');
  };

  it('marks .capnp URLs for load and passes everything else through', () => {
    const next = (specifier: string) => ({ url: new URL(specifier, schema).href });
    expect(resolveSync('./addressbook.capnp', {}, next)).toEqual({ url: schema, format: 'capnp' });
    expect(resolveSync('./app.mjs', {}, next)).toEqual({ url: new URL('./app.mjs', schema).href });
    const passed = { format: 'module', source: 'export {};' };
    expect(loadSync('file:///x/app.mjs', { format: 'module' }, () => passed)).toBe(passed);
  });

  it('loads a .capnp URL as module source, short-circuiting the chain', () => {
    const loaded = loadSync(schema, { format: 'capnp' }, fail);
    expect(loaded.format).toBe('module');
    expect(loaded.shortCircuit).toBe(true);
    expect(String(loaded.source)).toMatch(
      /^import \{ loadCompiled \} from "file:\/\/.*\/index\.js";$/m,
    );
    expect(() =>
      loadSync(pathToFileURL(join(fixtures, 'broken/broken.capnp')).href, {}, fail),
    ).toThrow(/broken\.capnp:4:9-13: error: Not defined: Nope/);
  });

  it('resolves the bundled standard schemas (capnp-kit-std: URLs) to themselves', () => {
    const url = 'capnp-kit-std:capnp/c++.capnp';
    expect(resolveSync(url, {}, fail)).toEqual({ url, format: 'capnp', shortCircuit: true });
    const loaded = loadSync(url, {}, fail);
    const request = embeddedRequest(String(loaded.source));
    expect(request.requestedFiles.map((f) => [f.id, f.filename])).toEqual([
      [0xbdf87d7bb8304e81n, 'capnp/c++.capnp'],
    ]);
  });

  describe('one module per schema file', () => {
    const main = pathToFileURL(join(fixtures, 'imports/main.capnp')).href;
    const source = String(loadSync(main, {}, fail).source);

    it('imports the modules of the schemas it imports, by URL', () => {
      // /capnp/c++.capnp is found as capnp finds it: the import path, then the bundled copy.
      const cxx = ['/usr/local/include', '/usr/include']
        .map((dir) => join(dir, 'capnp/c++.capnp'))
        .find((path) => existsSync(path));
      const imports = [...source.matchAll(/^import "([^"]+)";$/gm)].map((m) => m[1]);
      expect(imports.sort()).toEqual(
        [
          cxx === undefined ? 'capnp-kit-std:capnp/c++.capnp' : pathToFileURL(cxx).href,
          new URL('schemas/shapes.capnp', main).href,
        ].sort(),
      );
    });

    it("hands loadCompiled only its own file's nodes", () => {
      const request = embeddedRequest(source);
      const [file] = request.requestedFiles;
      const names = request.nodes.map((n) => n.displayName);
      expect(names.every((n) => n === file?.filename || n.startsWith(`${file?.filename}:`))).toBe(
        true,
      );
      expect(names.map((n) => n.slice(n.indexOf(':') + 1)).sort()).toEqual(
        ['Drawing', 'origin', file?.filename].sort(),
      );
    });
  });

  describe('the generated module', () => {
    const dir = mkdtempSync(join(tmpdir(), 'capnp-kit-loader-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('runs without any hook, given the runtime URL', () => {
      const runtime = pathToFileURL(join(dist, 'index.js')).href;
      writeFileSync(join(dir, 'addressbook.mjs'), capnpModuleSource(schema, runtime));
      const app = [
        "import ab, { Person, qux } from './addressbook.mjs';",
        'console.log(JSON.stringify([qux, ab.Person === Person, Person.newMessage({ id: 5 }).id]));',
      ].join('\n');
      writeFileSync(join(dir, 'app.mjs'), app);
      const run = spawnSync(process.execPath, ['app.mjs'], { cwd: dir, encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual([123, true, 5]);
    });
  });
});
