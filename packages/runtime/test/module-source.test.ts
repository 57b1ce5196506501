import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { STD_SCHEMAS } from '@capnp-kit/compiler';
import {
  type CompiledSchema,
  compileSchema,
  fileRequest,
  type SchemaLocation,
  type SchemaSearch,
  schemaModule,
} from '@capnp-kit/runtime/module-source';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * @capnp-kit/runtime/module-source: one ES module per schema file. Schemas are written to a
 * temporary project; generated modules are run by Node with the built runtime (`npx tsc -b`).
 */

const dir = mkdtempSync(join(tmpdir(), 'capnp-kit-module-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files: Record<string, string> = {
  'app.capnp': `@0xe2b1ef4bb08ac3a1;
using Lib = import "lib/lib.capnp";
using Json = import "/capnp/compat/json.capnp";
struct Order {
  item @0 :Lib.Item;
  status :union {
    open @1 :Void;
    shipped :group { carrier @2 :Text; }
  }
}
interface Shop {
  buy @0 (item :Lib.Item, count :UInt32) -> (order :Order);
}
const default :UInt32 = 1;
const class :Text = "keyword";
const raw :Json.Value = (string = "x");
`,
  'lib/lib.capnp': `@0xb9d3de3ff8fb1c09;
struct Item { name @0 :Text; price @1 :UInt32 = 5; }
`,
};
for (const [name, text] of Object.entries(files)) {
  mkdirSync(join(dir, name, '..'), { recursive: true });
  writeFileSync(join(dir, name), text);
}

function readFile(path: string): Uint8Array | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path) : undefined;
  } catch {
    return undefined;
  }
}

const disk: SchemaSearch = { readFile, cwd: dir };
const bundledOnly: SchemaSearch = { readFile, cwd: dir, standardImportPaths: false };

function compiled(location: SchemaLocation, search: SchemaSearch): CompiledSchema {
  const result = compileSchema(location, search);
  if (!result.ok) throw result.error;
  return result.schema;
}

const app: SchemaLocation = { kind: 'file', path: join(dir, 'app.capnp') };

describe('compileSchema', () => {
  it('locates imports as the compiler found them: relative, then the import path or bundle', () => {
    const schema = compiled(app, bundledOnly);
    expect(schema.imports.map((i) => [i.name, i.location])).toEqual([
      ['/capnp/compat/json.capnp', { kind: 'bundled', name: 'capnp/compat/json.capnp' }],
      ['lib/lib.capnp', { kind: 'file', path: join(dir, 'lib/lib.capnp') }],
    ]);
    const result = compileSchema(app, bundledOnly);
    expect(result.filesRead).toEqual([join(dir, 'app.capnp'), join(dir, 'lib/lib.capnp')]);
  });

  it('finds /capnp/… in an import directory before the bundle', () => {
    const include = join(dir, 'include');
    mkdirSync(join(include, 'capnp/compat'), { recursive: true });
    writeFileSync(
      join(include, 'capnp/compat/json.capnp'),
      STD_SCHEMAS['capnp/compat/json.capnp'] ?? '',
    );
    const schema = compiled(app, { ...bundledOnly, importPaths: ['include'] });
    expect(schema.imports[0]?.location).toEqual({
      kind: 'file',
      path: join(include, 'capnp/compat/json.capnp'),
    });
    rmSync(include, { recursive: true });
  });

  it('compiles a bundled schema, named as an import names it, with its own imports', () => {
    const schema = compiled({ kind: 'bundled', name: 'capnp/compat/json.capnp' }, bundledOnly);
    expect(schema.request.requestedFiles[0]?.filename).toBe('capnp/compat/json.capnp');
    expect(schema.imports.map((i) => i.location)).toEqual([
      { kind: 'bundled', name: 'capnp/c++.capnp' },
    ]);
  });

  it('returns the errors, and the files read, of a schema that does not compile', () => {
    writeFileSync(
      join(dir, 'broken.capnp'),
      '@0xe2b1ef4bb08ac3a2;\nusing Lib = import "lib/lib.capnp";\nstruct B { a @0 :Nope; }\n',
    );
    const result = compileSchema({ kind: 'file', path: join(dir, 'broken.capnp') }, disk);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error.message).toBe(
      'broken.capnp:3:18-22: error: Not defined: Nope',
    );
    expect(result.filesRead).toEqual([join(dir, 'broken.capnp'), join(dir, 'lib/lib.capnp')]);
  });
});

describe('fileRequest', () => {
  it("keeps the file's own nodes: declarations, groups, generated method structs", () => {
    const schema = compiled(app, bundledOnly);
    const own = fileRequest(schema.request, schema.fileId);
    const names = own.nodes.map((n) => n.displayName).sort();
    expect(names).toEqual(
      [
        'app.capnp',
        'app.capnp:Order',
        'app.capnp:Order.status',
        'app.capnp:Order.status.shipped',
        'app.capnp:Shop',
        'app.capnp:Shop.buy$Params',
        'app.capnp:Shop.buy$Results',
        'app.capnp:class',
        'app.capnp:default',
        'app.capnp:raw',
      ].sort(),
    );
    expect(own.sourceInfo).toEqual([]);
    expect(own.requestedFiles).toEqual([{ id: schema.fileId, filename: 'app.capnp', imports: [] }]);
  });
});

describe('schemaModule', () => {
  const runtime = pathToFileURL(join(import.meta.dirname, '../dist/index.js')).href;
  /** Writes each schema's module next to it as `<name>.mjs`, as a bundler would serve them. */
  const write = (location: SchemaLocation): string => {
    const schema = compiled(location, bundledOnly);
    const path = (l: SchemaLocation) =>
      l.kind === 'file' ? `${l.path}.mjs` : join(dir, 'bundled', `${l.name}.mjs`);
    mkdirSync(join(path(location), '..'), { recursive: true });
    writeFileSync(
      path(location),
      schemaModule(schema, { runtime, importOf: (l) => pathToFileURL(path(l)).href }),
    );
    for (const i of schema.imports) write(i.location);
    return path(location);
  };

  it('makes modules that load each file once and share the types they import', () => {
    write(app);
    const script = [
      "import app, * as named from './app.capnp.mjs';",
      "import lib from './lib/lib.capnp.mjs';",
      'const order = app.Order.newMessage({ item: { name: "pen" } });',
      'const read = app.Order.fromBytes(order.toBytes());',
      'console.log(JSON.stringify({',
      '  exports: Object.keys(named).sort(),',
      '  defaultConst: app.default, keyword: named.class,',
      '  price: read.item.price, shared: read.item instanceof lib.Item.Reader,',
      '  raw: named.raw.which(), status: read.status.which(),',
      '}));',
    ].join('\n');
    writeFileSync(join(dir, 'main.mjs'), script);
    const run = spawnSync(process.execPath, ['main.mjs'], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      exports: ['Order', 'Shop', 'class', 'default', 'raw'],
      defaultConst: 1,
      keyword: 'keyword',
      price: 5,
      shared: true,
      raw: 'string',
      status: 'open',
    });
  });
});
