import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeGeneratorRequest } from '@capnp-kit/compiler/schema';
import capnp from '@capnp-kit/unplugin/vite';
import { createServer, createServerModuleRunner, type ViteDevServer } from 'vite';
import type { ModuleRunner } from 'vite/module-runner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Vite's dev server, in-process with no browser: the module graph, hot updates (file changes
 * are announced to the server as its watcher would), and a module runner executing the modules
 * the server serves, to see what a page would see after an update.
 */

const work = join(import.meta.dirname, `.work/vite-dev-${process.pid}`);
const shapes = join(work, 'schemas/lib/shapes.capnp');
const drawing = join(work, 'schemas/drawing.capnp');
let server: ViteDevServer;
let runner: ModuleRunner;

beforeAll(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  cpSync(join(import.meta.dirname, 'fixtures/app'), work, { recursive: true });
  server = await createServer({
    root: work,
    cacheDir: join(work, '.vite'),
    configFile: false,
    logLevel: 'silent',
    appType: 'custom',
    plugins: [capnp()],
    // No file watcher and no WebSocket: the test announces changes itself.
    server: { middlewareMode: true, ws: false, watch: null },
  });
  runner = createServerModuleRunner(server.environments.ssr, { hmr: false });
});

afterAll(async () => {
  await runner?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

/**
 * Rewrites a schema file and tells the server, as its watcher would; resolves with what the
 * server then sends to pages.
 */
async function edit(file: string, change: (text: string) => string): Promise<unknown> {
  writeFileSync(file, change(readFileSync(file, 'utf8')));
  const client = server.environments.client.hot;
  const send = client.send;
  const handled = new Promise<unknown>((resolve) => {
    client.send = ((...args: Parameters<typeof send>) => {
      client.send = send;
      send.apply(client, args);
      resolve(args[0]);
    }) as typeof send;
  });
  server.watcher.emit('change', file);
  return handled;
}

/** The schema module at `url` as a page would get it now: executed afresh. */
async function current(url: string): Promise<Record<string, unknown>> {
  runner.clearCache();
  return runner.import(url);
}

/** The value of constant `name` in the nodes a served schema module embeds. */
async function embeddedConstant(url: string, name: string): Promise<unknown> {
  const served = await server.environments.client.transformRequest(url);
  const literal = /loadCompiled\((.*)\);$/m.exec(served?.code ?? '')?.[1] ?? 'undefined';
  const request = new Function(`return ${literal};`)() as CodeGeneratorRequest;
  const node = request.nodes.find((n) => n.displayName.endsWith(`:${name}`));
  return node?.which === 'const' && 'value' in node.const.value
    ? node.const.value.value
    : undefined;
}

describe('the Vite dev server', () => {
  it('pre-bundles the runtime from the start: serving schemas discovers no dependency', async () => {
    const optimizer = server.environments.client.depsOptimizer;
    const known = () =>
      Object.keys({ ...optimizer?.metadata.optimized, ...optimizer?.metadata.discovered });
    expect(known()).toEqual(['@capnp-kit/runtime']);
    const hash = optimizer?.metadata.browserHash;
    await server.environments.client.transformRequest('/main.js');
    const served = await server.environments.client.transformRequest('/schemas/drawing.capnp');
    expect(served?.code).toMatch(
      /import \{ loadCompiled \} from ".*\/deps\/@capnp-kit_runtime\.js/,
    );
    expect(known()).toEqual(['@capnp-kit/runtime']);
    expect(optimizer?.metadata.browserHash).toBe(hash);
  });

  it('serves the edited schema, and reloads the page (its importers) when it changes', async () => {
    expect((await current('/schemas/drawing.capnp')).title).toBe('capnp-kit');
    const sent = await edit(drawing, (text) => text.replace('"capnp-kit"', '"edited"'));
    expect(sent).toMatchObject({ type: 'full-reload' });
    expect((await current('/schemas/drawing.capnp')).title).toBe('edited');
  });

  it('recompiles the importer when an imported schema changes (it inlines its constants)', async () => {
    expect(await embeddedConstant('/schemas/drawing.capnp', 'sides')).toBe(8);
    expect((await current('/schemas/drawing.capnp')).sides).toBe(8);
    await edit(shapes, (text) => text.replace('maxSides :UInt32 = 8', 'maxSides :UInt32 = 12'));
    expect(await embeddedConstant('/schemas/drawing.capnp', 'sides')).toBe(12);
    const module = await current('/schemas/drawing.capnp');
    expect(module.sides).toBe(12);
    expect((await current('/schemas/lib/shapes.capnp')).maxSides).toBe(12);
  });

  it('reports a broken schema with its location and a code frame, and recovers', async () => {
    await edit(shapes, (text) => text.replace('x @0 :Float64;', 'x @0 :Float65;'));
    const failed = server.environments.client.transformRequest('/schemas/drawing.capnp');
    await expect(failed).rejects.toMatchObject({
      plugin: 'capnp-kit',
      message: expect.stringContaining(
        'schemas/lib/shapes.capnp:13:9-16: error: Not defined: Float65',
      ),
      loc: { file: shapes, line: 13, column: 8 },
      frame: expect.stringContaining('13:   x @0 :Float65;\n            ^^^^^^^'),
    });
    await edit(shapes, (text) => text.replace('x @0 :Float65;', 'x @0 :Float64;'));
    expect((await current('/schemas/drawing.capnp')).sides).toBe(12);
  });
});
