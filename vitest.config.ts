import { fileURLToPath } from 'node:url';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/** Workspace packages, each a vitest project running `test/**\/*.test.ts`. */
const packages = ['wire', 'compiler', 'runtime', 'unplugin', 'ts-plugin', 'cli'];

export default defineConfig({
  // Resolve `@capnp-kit/*` to their TypeScript sources (the `source` export condition), so tests
  // run against src without a build; the CLI tests that spawn processes use the built dist.
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions] } },
  resolve: { conditions: ['source', ...defaultServerConditions] },
  test: {
    // Property tests from a fixed seed (see the file).
    setupFiles: [fileURLToPath(new URL('./test/setup/fast-check.ts', import.meta.url))],
    // Under CI the JSON report feeds .ci/run's closing `N passed, N failed` line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.ci/results/vitest.json' },
    projects: [
      ...packages.map((name) => ({
        extends: true as const,
        test: { name, root: `packages/${name}`, include: ['test/**/*.test.ts'] },
      })),
      {
        extends: true as const,
        test: { name: 'examples', root: 'examples', include: ['test/**/*.test.ts'] },
      },
      {
        extends: true as const,
        test: { name: 'playground', root: 'playground', include: ['test/**/*.test.ts'] },
      },
      {
        extends: true as const,
        test: { name: 'workspace', root: '.', include: ['test/**/*.test.ts'] },
      },
      {
        extends: true as const,
        test: { name: 'fuzz', root: 'fuzz', include: ['test/**/*.test.ts'] },
      },
    ],
  },
});
