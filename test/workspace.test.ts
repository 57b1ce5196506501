import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const names = ['wire', 'compiler', 'runtime', 'unplugin', 'ts-plugin', 'cli'] as const;

interface PackageJson {
  name: string;
  type?: string;
  sideEffects?: boolean | string[];
  exports: Record<string, Record<string, string>>;
  dependencies?: Record<string, string>;
}

function readPackage(name: string): PackageJson {
  return JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8'));
}

/** Layer of each package: a package may only depend on packages of a lower layer. */
const layer: Record<string, number> = {
  wire: 0,
  compiler: 1,
  runtime: 2,
  'ts-plugin': 3,
  unplugin: 4,
  cli: 4,
};

describe('workspace', () => {
  it.each(names)('@capnp-kit/%s imports by its npm name', async (name) => {
    const mod = await import(`@capnp-kit/${name}`);
    expect(Object.keys(mod).length).toBeGreaterThan(0);
  });

  it.each(names)('@capnp-kit/%s resolves to its build from the repository root', (name) => {
    const out = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', `console.log(import.meta.resolve('@capnp-kit/${name}'))`],
      { cwd: root, encoding: 'utf8' },
    );
    expect(out.trim()).toMatch(new RegExp(`/packages/${name}/dist/index\\.js$`));
  });

  it.each(names)('@capnp-kit/%s is ESM with types first in every export', (name) => {
    const pkg = readPackage(name);
    expect(pkg.name).toBe(`@capnp-kit/${name}`);
    expect(pkg.type).toBe('module');
    // Tree-shakable: no module has effects on import, except the runtime's entries and the
    // module that installs its codecs (listed, so bundlers keep them).
    if (name === 'runtime') {
      expect(pkg.sideEffects).toEqual(
        ['codecs', 'exports', 'browser', 'index', 'node/register'].flatMap((f) => [
          `./src/${f}.ts`,
          `./dist/${f}.js`,
        ]),
      );
    } else expect(pkg.sideEffects).toBe(false);
    for (const [subpath, conditions] of Object.entries(pkg.exports)) {
      expect(Object.keys(conditions)[0], `${name} export ${subpath}`).toBe('types');
    }
  });

  it.each(names)('@capnp-kit/%s depends only on lower layers', (name) => {
    const deps = Object.keys(readPackage(name).dependencies ?? {}).filter((d) =>
      d.startsWith('@capnp-kit/'),
    );
    for (const dep of deps) {
      const depName = dep.slice('@capnp-kit/'.length);
      expect(layer[depName], `${name} -> ${depName}`).toBeLessThan(layer[name] as number);
    }
  });

  it('puts the capnp-kit command in node_modules/.bin', () => {
    const out = execFileSync(join(root, 'node_modules/.bin/capnp-kit'), ['--help'], {
      encoding: 'utf8',
    });
    expect(out).toMatch(/^Usage: capnp-kit/);
  });
});
