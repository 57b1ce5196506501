import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '@capnp-kit/compiler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESSBOOK, REPO, scratchDirectory } from './scratch.js';
import { type ServerDiagnostic, TsServerSession } from './tsserver-session.js';

/**
 * The plugin in a real tsserver (TypeScript 6 of the workspace, and 5.x), driven over its
 * protocol as an editor drives it, on a project whose tsconfig.json names the plugin. tsserver
 * loads it as it loads any plugin: by requiring the package (plugin.cjs, then dist/), so the
 * package must be built.
 */

const SERVERS = [
  { name: 'TypeScript 6', tsserver: join(REPO, 'node_modules/typescript/lib/tsserver.js') },
  {
    name: 'TypeScript 5',
    tsserver: join(REPO, 'packages/ts-plugin/node_modules/typescript-5/lib/tsserver.js'),
  },
];

const TSCONFIG = {
  compilerOptions: {
    target: 'es2022',
    lib: ['es2023'],
    module: 'nodenext',
    moduleResolution: 'nodenext',
    strict: true,
    noEmit: true,
    types: [],
    plugins: [{ name: '@capnp-kit/ts-plugin' }],
  },
  include: ['*.ts'],
};

const SHAPES = `@0xd2a4f8bb1f2d2f11;
struct Shape {
  sides @0 :UInt32;
}
`;

const DRAWING = `@0xe1c07f60f3bd7a21;
using import "shapes.capnp".Shape;
struct Drawing {
  shapes @0 :List(Shape);
}
`;

const APP = `import ab from './addressbook.capnp';
import drawing from './drawing.capnp';

const book = ab.AddressBook.newMessage();
const person = book.init('people', 1)[0];
person.name = 'Alice';
export const kind = person.employment.which();
export const shape = drawing.Drawing.newMessage().init('shapes', 1)[0];
`;

/** The names of the members of `Person.employment` (the union), from the compiled schema. */
function employmentMembers(): string[] {
  const result = compile({ files: [ADDRESSBOOK], readFile: (p) => readFileSync(p) });
  const nodes = result.request?.nodes ?? [];
  const group = nodes.find((n) => n.displayName.endsWith('Person.employment'));
  if (group?.which !== 'struct') throw new Error('no employment group');
  return (group.struct.fields ?? []).map((f) => f.name);
}

/** 1-based line and offset of the `nth` occurrence of `text` in `source`, plus `shift`. */
function position(source: string, text: string, shift = 0): { line: number; offset: number } {
  const at = source.indexOf(text) + shift;
  const before = source.slice(0, at).split('\n');
  return { line: before.length, offset: (before.at(-1)?.length ?? 0) + 1 };
}

/** Retries `check` until it returns true (tsserver sees file changes through its watchers). */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.each(SERVERS)('the tsserver plugin in $name', ({ tsserver }) => {
  let dir: string;
  let remove: () => void;
  let server: TsServerSession;
  let app: string;
  let schema: string;
  const original = readFileSync(ADDRESSBOOK, 'utf8');

  // Replaces the open file's text, as an editor does after edits.
  const open = (content: string) => {
    server.notify('close', { file: app });
    server.notify('open', { file: app, fileContent: content, projectRootPath: dir });
  };
  const completions = async (source: string, after: string) => {
    const body = await server.request<{ entries: { name: string }[] }>('completionInfo', {
      file: app,
      ...position(source, after, after.length),
    });
    return body.entries.map((e) => e.name);
  };

  beforeAll(() => {
    ({ dir, remove } = scratchDirectory('tsserver'));
    app = join(dir, 'app.ts');
    schema = join(dir, 'addressbook.capnp');
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG));
    writeFileSync(schema, original);
    writeFileSync(join(dir, 'shapes.capnp'), SHAPES);
    writeFileSync(join(dir, 'drawing.capnp'), DRAWING);
    writeFileSync(app, APP);
    server = new TsServerSession(tsserver, [
      '--pluginProbeLocations',
      REPO,
      '--disableAutomaticTypingAcquisition',
    ]);
    server.notify('open', { file: app, projectRootPath: dir });
  });

  afterAll(async () => {
    await server?.close();
    remove?.();
  });

  it('resolves the .capnp import to the schema’s types: correct code has no errors', {
    timeout: 30_000,
  }, async () => {
    expect(await server.semanticDiagnostics(app)).toEqual([]);
  });

  it('lists a builder’s fields and methods as completions', async () => {
    const names = await completions(APP, 'person.name');
    const fields = ['id', 'name', 'email', 'phones', 'employment'];
    for (const want of [...fields, 'init', 'which', 'toBytes', 'asReader', 'toObject'])
      expect(names, `completion '${want}'`).toContain(want);
  });

  it('shows which() as the union of the member names', async () => {
    const info = await server.request<{ displayString: string }>('quickinfo', {
      file: app,
      ...position(APP, 'which()', 1),
    });
    const union = employmentMembers()
      .map((m) => JSON.stringify(m))
      .join(' | ');
    expect(info.displayString).toContain(`which(): ${union}`);
  });

  it('reports wrong code: a wrong field type, enumerant and which() compare', async () => {
    const wrong = `${APP}person.id = 'x';
person.init('phones', 1)[0].type = 'pager';
if (kind === 'retired') person.email = '';
`;
    open(wrong);
    const diagnostics = await server.semanticDiagnostics(app);
    const at = (d: ServerDiagnostic) => d.start.line;
    expect(diagnostics.map((d) => [at(d), d.code])).toEqual([
      [position(wrong, "person.id = 'x'").line, 2322],
      [position(wrong, "'pager'").line, 2322],
      [position(wrong, "kind === 'retired'").line, 2367],
    ]);
    open(APP);
  });

  it('takes edits of the schema: a new field reaches the open file', {
    timeout: 30_000,
  }, async () => {
    const source = `${APP}person.nickname = 'Al';\n`;
    open(source);
    expect((await server.semanticDiagnostics(app)).map((d) => d.code)).toEqual([2339]);
    writeFileSync(
      schema,
      original.replace('email @2 :Text;', 'email @2 :Text;\n  nickname @8 :Text;'),
    );
    await eventually(
      async () => (await server.semanticDiagnostics(app)).length === 0,
      'the new field to be known',
    );
    expect(await completions(source, 'person.nickname')).toContain('nickname');
    writeFileSync(schema, original);
    open(APP);
  });

  it('takes edits of a schema that an imported schema imports', { timeout: 30_000 }, async () => {
    const source = `${APP}shape.color = 'red';\n`;
    open(source);
    expect((await server.semanticDiagnostics(app)).map((d) => d.code)).toEqual([2339]);
    writeFileSync(join(dir, 'shapes.capnp'), SHAPES.replace('}', '  color @1 :Text;\n}'));
    await eventually(
      async () => (await server.semanticDiagnostics(app)).length === 0,
      'the imported schema’s new field to be known',
    );
    writeFileSync(join(dir, 'shapes.capnp'), SHAPES);
    open(APP);
  });

  it('shows a broken schema as a diagnostic on its import, and keeps serving', {
    timeout: 30_000,
  }, async () => {
    writeFileSync(schema, original.replace('struct AddressBook {', 'struct AddressBook {{'));
    let diagnostics: ServerDiagnostic[] = [];
    await eventually(async () => {
      diagnostics = await server.semanticDiagnostics(app);
      return diagnostics.some((d) => d.code === 91001);
    }, 'the schema error');
    const error = diagnostics.find((d) => d.code === 91001);
    expect(error?.start).toEqual(position(APP, "'./addressbook.capnp'"));
    expect(error?.text).toMatch(/addressbook\.capnp:\d+:\d+(-\d+)?: error: /);
    // The last good declarations stay in use: the rest of the file still type-checks.
    expect(diagnostics.filter((d) => d.code !== 91001)).toEqual([]);
    expect(await completions(APP, 'person.name')).toContain('email');
    writeFileSync(schema, original);
    await eventually(
      async () => (await server.semanticDiagnostics(app)).length === 0,
      'the error to go away',
    );
    expect(server.running).toBe(true);
  });
});

describe('the tsserver plugin where Node cannot require() ES modules', () => {
  it('loads asynchronously, then resolves .capnp imports', { timeout: 60_000 }, async () => {
    const { dir, remove } = scratchDirectory('tsserver-esm');
    const app = join(dir, 'app.ts');
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG));
    writeFileSync(join(dir, 'addressbook.capnp'), readFileSync(ADDRESSBOOK));
    writeFileSync(app, "import ab from './addressbook.capnp';\nexport const n: number = ab.qux;\n");
    // Node 20.19+ and 22.12+ require() ES modules unless told not to: as an older Node would.
    const server = new TsServerSession(
      SERVERS[0]?.tsserver as string,
      ['--pluginProbeLocations', REPO, '--disableAutomaticTypingAcquisition'],
      ['--no-experimental-require-module'],
    );
    try {
      server.notify('open', { file: app, projectRootPath: dir });
      await eventually(
        async () => (await server.semanticDiagnostics(app)).length === 0,
        'the plugin to load',
      );
      const info = await server.request<{ displayString: string }>('quickinfo', {
        file: app,
        ...position(readFileSync(app, 'utf8'), 'qux'),
      });
      expect(info.displayString).toContain('qux: 123');
    } finally {
      await server.close();
      remove();
    }
  });
});
