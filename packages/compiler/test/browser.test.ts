import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('the compiler runs in browsers', () => {
  it('bundles for the browser platform with no Node built-ins', async () => {
    const result = await build({
      entryPoints: [join(import.meta.dirname, '../src/index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      conditions: ['source'],
    });
    expect(result.errors).toEqual([]);
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).not.toMatch(/from\s*["']node:/);
    expect(code).not.toMatch(/require\(["'](node:)?(fs|path|os|child_process)["']\)/);
    expect(code.length).toBeGreaterThan(10_000);
  });

  it('compiles from an in-memory file map', async () => {
    const { compile } = await import('@capnp-kit/compiler');
    const files: Record<string, string> = {
      '/app/a.capnp':
        '@0xd5a9f7b1c3e2a401;\nusing import "/capnp/c++.capnp".namespace;\nstruct Foo { x @0 :Int32; }\n',
    };
    const result = compile({
      files: ['a.capnp'],
      cwd: '/app',
      readFile: (p) => files[p],
      standardImportPaths: false,
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.request?.nodes.map((n) => n.displayName)).toContain('a.capnp:Foo');
  });
});
