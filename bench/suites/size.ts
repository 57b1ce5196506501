import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { Comparison, Suite } from '../lib/report.js';

const repo = join(import.meta.dirname, '../..');

/** What a browser app that only serializes imports: a precompiled schema, build, write, read. */
const SERIALIZATION_APP = `
import { loadCompiled } from '@capnp-kit/runtime/core';
export function roundTrip(request, init) {
  const ab = loadCompiled(request);
  const bytes = ab.AddressBook.newMessage(init).toBytes();
  return ab.AddressBook.fromBytes(bytes).toObject();
}
`;

/** Minified and gzipped size of `source` bundled for browsers from the repository's packages. */
export async function bundleSize(source: string): Promise<{ min: number; gzip: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'capnp-kit-size-'));
  try {
    const entry = join(dir, 'app.js');
    writeFileSync(entry, source);
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      nodePaths: [join(repo, 'node_modules')],
      logLevel: 'silent',
    });
    const code = (result.outputFiles[0] as { contents: Uint8Array }).contents;
    return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Size: the runtime's browser entry as a serialization-only app bundles it. */
const suite: Suite = {
  name: 'Runtime: browser bundle size',
  async run(): Promise<Comparison[]> {
    const size = await bundleSize(SERIALIZATION_APP);
    const full = await bundleSize(
      SERIALIZATION_APP.replace('@capnp-kit/runtime/core', '@capnp-kit/runtime'),
    );
    return [
      {
        id: 'runtime-size',
        title: 'Browser bundle of a serialization-only app (min + gzip)',
        unit: 'KB',
        lowerIsBetter: true,
        entries: [
          { label: '@capnp-kit/runtime/core, gzip', value: size.gzip / 1024 },
          { label: '@capnp-kit/runtime/core, minified', value: size.min / 1024 },
          { label: '@capnp-kit/runtime (full), gzip', value: full.gzip / 1024 },
          { label: '@capnp-kit/runtime (full), minified', value: full.min / 1024 },
        ],
        goal: {
          text: `≤ 15 KB min+gzip (${(size.gzip / 1024).toFixed(1)} KB)`,
          met: size.gzip <= 15 * 1024,
        },
        method:
          'esbuild --bundle --minify --platform=browser of an app importing loadCompiled (from the serialization entry `/core`, and for comparison from the full entry with text, JSON, streams and RPC) and calling newMessage, toBytes, fromBytes and toObject; gzip -9 of the output. The goal applies to the serialization entry.',
      },
    ];
  },
};

export default suite;
