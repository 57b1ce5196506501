import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { compileSchema, type SchemaLocation, schemaModule } from '@capnp-kit/runtime/module-source';
import capnp from '@capnp-kit/unplugin/vite';
import { build, createServer, type InlineConfig } from 'vite';
import { timeInProcess } from '../lib/measure.js';
import type { Comparison, Suite } from '../lib/report.js';

/** How many generated schemas the project imports (each imports one shared schema too). */
const SCHEMAS = 200;
/** Measured Vite builds per variant (after one warm-up build each), taking turns. */
const BUILD_RUNS = 7;
/** Measured saves per dev-server case (after one unmeasured save). */
const SAVES = 15;

/** Milliseconds between saves: Vite's watcher ignores a file's changes 50 ms apart. */
const SAVE_INTERVAL = 150;

/** Rejects after 30 s: a save the dev server never saw must not hang the benchmark. */
function timeout(file: string): Promise<never> {
  return new Promise((_, reject) => {
    setTimeout(() => reject(new Error(`no hot update after saving ${file}`)), 30_000).unref();
  });
}

/** A file ID for schema `n` (bit 63 set, as IDs must have). */
function fileId(n: number): string {
  const mixed = (BigInt(n + 1) * 0x9e3779b97f4a7c15n) & 0x7fffffffffffffffn;
  return `0x${(mixed | 0x8000000000000000n).toString(16)}`;
}

function sharedSchema(version: number): string {
  return `@${fileId(SCHEMAS)};
enum Kind { small @0; medium @1; large @2; }
struct Meta { created @0 :UInt64; tags @1 :List(Text); owner @2 :Text; }
const version :UInt32 = ${version};
`;
}

function schema(n: number, revision = 0): string {
  return `@${fileId(n)};
using Common = import "common.capnp";
const revision :UInt32 = ${revision};
const commonVersion :UInt32 = Common.version;
struct Record${n} {
  id @0 :UInt64;
  name @1 :Text;
  kind @2 :Common.Kind = medium;
  meta @3 :Common.Meta;
  values @4 :List(Float64);
  inner @5 :Inner;
  struct Inner { a @0 :Int32; b @1 :Bool; c @2 :List(Text); }
  union { none @6 :Void; text @7 :Text; count @8 :UInt32; }
}
enum Status${n} { ok @0; failed @1; pending @2; }
`;
}

/** A Vite project importing every schema (as `.capnp`, or as precompiled `.js` modules). */
function writeProject(root: string, precompiled: boolean): void {
  const schemas = join(root, 'schemas');
  mkdirSync(schemas, { recursive: true });
  writeFileSync(join(schemas, 'common.capnp'), sharedSchema(1));
  for (let n = 0; n < SCHEMAS; n++) writeFileSync(join(schemas, `s${n}.capnp`), schema(n));
  const suffix = precompiled ? '.capnp.js' : '.capnp';
  if (precompiled) {
    const readFile = (path: string) => readFileSync(path);
    const js = (location: SchemaLocation) => {
      if (location.kind !== 'file') throw new Error('the generated schemas import no bundled one');
      return `./${location.path.slice(schemas.length + 1)}.js`;
    };
    for (const name of ['common', ...Array.from({ length: SCHEMAS }, (_, n) => `s${n}`)]) {
      const path = join(schemas, `${name}.capnp`);
      const result = compileSchema({ kind: 'file', path }, { readFile, cwd: root });
      if (!result.ok) throw result.error;
      const code = schemaModule(result.schema, { runtime: '@capnp-kit/runtime', importOf: js });
      writeFileSync(`${path}.js`, code);
    }
  }
  const imports = Array.from(
    { length: SCHEMAS },
    (_, n) => `import s${n} from './schemas/s${n}${suffix}';`,
  );
  const all = Array.from({ length: SCHEMAS }, (_, n) => `s${n}`).join(', ');
  writeFileSync(
    join(root, 'main.js'),
    `${imports.join('\n')}\nconsole.log([${all}].reduce((n, s) => n + Object.keys(s).length, 0));\n`,
  );
}

/** Vite options shared by every run: the runtime's browser build, from this workspace. */
function viteConfig(root: string, plugin: boolean): InlineConfig {
  const runtime = join(
    dirname(createRequire(import.meta.url).resolve('@capnp-kit/runtime')),
    'browser.js',
  );
  return {
    root,
    configFile: false,
    logLevel: 'silent',
    cacheDir: join(root, '.vite'),
    plugins: plugin ? [capnp()] : [],
    resolve: { alias: { '@capnp-kit/runtime': runtime } },
  };
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

async function timeBuilds(withPlugin: string, without: string): Promise<[number, number]> {
  const once = async (root: string, plugin: boolean) => {
    const t0 = performance.now();
    await build({
      ...viteConfig(root, plugin),
      build: { write: false, rolldownOptions: { input: join(root, 'main.js') } },
    });
    return performance.now() - t0;
  };
  await once(withPlugin, true);
  await once(without, false);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < BUILD_RUNS; i++) {
    a.push(await once(withPlugin, true));
    b.push(await once(without, false));
  }
  return [median(a), median(b)];
}

/**
 * Times saving a schema in the Vite dev server until the modules a reloaded page requests are
 * served updated: the watcher's event, the hot update, and recompiling `served`.
 */
async function timeSaves(root: string): Promise<{ leaf: number; shared: number }> {
  const server = await createServer({
    ...viteConfig(root, true),
    appType: 'custom',
    server: { middlewareMode: true, ws: false },
  });
  try {
    const env = server.environments.client;
    const urls = Array.from({ length: SCHEMAS }, (_, n) => `/schemas/s${n}.capnp`);
    await env.transformRequest('/main.js');
    await Promise.all(urls.map((url) => env.transformRequest(url)));
    const save = async (file: string, text: string, served: readonly string[]) => {
      const hot = env.hot;
      const send = hot.send;
      const updated = new Promise<void>((resolve) => {
        hot.send = ((...args: Parameters<typeof send>) => {
          hot.send = send;
          send.apply(hot, args);
          resolve();
        }) as typeof send;
      });
      // Vite's watcher drops a file's change events within 50 ms of the previous one.
      await new Promise((resolve) => setTimeout(resolve, SAVE_INTERVAL));
      const t0 = performance.now();
      writeFileSync(file, text);
      await Promise.race([updated, timeout(file)]);
      const codes = await Promise.all(served.map((url) => env.transformRequest(url)));
      const elapsed = performance.now() - t0;
      if (codes.some((c) => c === null)) throw new Error('a module was not served');
      return elapsed;
    };
    const leaf: number[] = [];
    const shared: number[] = [];
    for (let i = 0; i <= SAVES; i++) {
      const t = await save(join(root, 'schemas/s0.capnp'), schema(0, i + 1), ['/schemas/s0.capnp']);
      if (i > 0) leaf.push(t);
    }
    for (let i = 0; i <= SAVES; i++) {
      const t = await save(join(root, 'schemas/common.capnp'), sharedSchema(i + 2), urls);
      if (i > 0) shared.push(t);
    }
    return { leaf: median(leaf), shared: median(shared) };
  } finally {
    await server.close();
  }
}

/** @capnp-kit/unplugin: the cost of compiling schemas in a Vite build, and of a save in dev. */
const suite: Suite = {
  name: 'Bundler plugin (@capnp-kit/unplugin, Vite)',
  async run(): Promise<Comparison[]> {
    const dir = mkdtempSync(join(tmpdir(), 'capnp-kit-bench-unplugin-'));
    try {
      const withPlugin = join(dir, 'capnp');
      const without = join(dir, 'precompiled');
      writeProject(withPlugin, false);
      writeProject(without, true);
      const [buildWith, buildWithout] = await timeBuilds(withPlugin, without);
      const readFile = (path: string) => readFileSync(path);
      const one = join(withPlugin, 'schemas/s0.capnp');
      const perSchema = timeInProcess(
        () => {
          const result = compileSchema({ kind: 'file', path: one }, { readFile, cwd: withPlugin });
          if (!result.ok) throw result.error;
          return schemaModule(result.schema, {
            runtime: '@capnp-kit/runtime',
            importOf: () => './common.capnp',
          });
        },
        { warmup: 50, minRuns: 200, minMillis: 1000 },
      );
      const saves = await timeSaves(withPlugin);
      const transform = (buildWith - buildWithout) / SCHEMAS;
      return [
        {
          id: 'unplugin-vite-build',
          title: `Vite build of a project importing ${SCHEMAS} schemas (each importing a shared one)`,
          unit: 'ms',
          lowerIsBetter: true,
          entries: [
            { label: 'with @capnp-kit/unplugin', value: buildWith },
            { label: 'precompiled .js modules', value: buildWithout },
          ],
          method: `vite build (in-process, write: false) of the same project, once importing the .capnp files through the plugin and once importing the modules the plugin makes, written beforehand as .js files; median of ${BUILD_RUNS} builds each after one warm-up build, taking turns.`,
        },
        {
          id: 'unplugin-per-schema',
          title: 'Cost of one schema module (compile + generate)',
          unit: 'ms',
          lowerIsBetter: true,
          entries: [
            { label: 'in a Vite build (difference / schemas)', value: transform },
            { label: 'compileSchema + schemaModule, warm', value: perSchema.median },
          ],
          method: `The first figure is the build difference above divided by ${SCHEMAS}; the second compiles one generated schema (and the shared schema it imports) and generates its module in-process, median of ${perSchema.runs} runs after warm-up.`,
        },
        {
          id: 'unplugin-vite-save',
          title: 'Vite dev: from saving a schema to its updated modules',
          unit: 'ms',
          lowerIsBetter: true,
          entries: [
            { label: 'save a schema: its module', value: saves.leaf },
            { label: `save the shared schema: its ${SCHEMAS} importers`, value: saves.shared },
          ],
          method: `Dev server in-process (middleware mode, Vite's file watcher), every module served once first. From writing the file, through the watcher's event and the hot update, to serving the updated module(s) a reloaded page requests; median of ${SAVES} saves after one.`,
        },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
