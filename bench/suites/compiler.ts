import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile, encodeRequest } from '@capnp-kit/compiler';
import { largeSchema } from '../compiler/large-schema.js';
import { commandVersion, timeInProcess, timeProcess } from '../lib/measure.js';
import type { Comparison, Suite } from '../lib/report.js';

const repo = join(import.meta.dirname, '../..');
const cli = join(repo, 'packages/cli/bin/capnp-kit.js');

/** Schema compiler: whole processes against `capnp compile`, and warm in-process compiles. */
const suite: Suite = {
  name: 'Schema compiler',
  run(): Comparison[] {
    const dir = mkdtempSync(join(tmpdir(), 'capnp-kit-bench-'));
    try {
      const text = largeSchema(500, 20, 5);
      writeFileSync(join(dir, 'large.capnp'), text);
      const fields = (text.match(/@\d+ :/g) ?? []).length;
      const ours = timeProcess(process.execPath, [cli, 'compile', '-o-', 'large.capnp'], {
        cwd: dir,
      });
      const entries = [{ label: 'capnp-kit compile -o-', value: ours.median }];
      const reference = commandVersion('capnp');
      let goal: Comparison['goal'];
      if (reference !== undefined) {
        const theirs = timeProcess('capnp', ['compile', '-o-', 'large.capnp'], { cwd: dir });
        entries.push({ label: `${reference} compile -o-`, value: theirs.median });
        goal = { text: 'faster than the C++ process', met: ours.median < theirs.median };
      }
      const files: Record<string, Uint8Array> = {
        '/b/large.capnp': new TextEncoder().encode(text),
      };
      const inProcess = timeInProcess(
        () =>
          encodeRequest(compile({ files: ['/b/large.capnp'], readFile: (p) => files[p] }).request!),
        { warmup: 5, minRuns: 10, minMillis: 2000 },
      );
      entries.push({ label: 'capnp-kit, in-process, warm', value: inProcess.median });

      // schema.capnp as the bundled copy, from memory: what a browser would compile.
      const schemaText = readFileSync(join(repo, 'packages/compiler/std/capnp/schema.capnp'));
      const schemaOptions = {
        files: ['/std/capnp/schema.capnp'],
        srcPrefixes: ['/std'],
        standardImportPaths: false,
        readFile: (p: string) => (p === '/std/capnp/schema.capnp' ? schemaText : undefined),
      };
      const schemaCapnp = timeInProcess(() => encodeRequest(compile(schemaOptions).request!), {
        warmup: 50,
        minRuns: 200,
        minMillis: 1000,
      });
      return [
        {
          id: 'compile-large-schema',
          title: `Compile a generated schema: 500 structs, ${fields} fields, nesting 5 deep`,
          unit: 'ms',
          lowerIsBetter: true,
          entries,
          goal,
          method:
            'Whole processes, median of 15 runs after one warm-up run (wall clock); the in-process figure is compile() + encodeRequest() after warm-up.',
        },
        {
          id: 'compile-schema-capnp-warm',
          title: 'Compile schema.capnp in-process, warm',
          unit: 'ms',
          lowerIsBetter: true,
          entries: [{ label: 'capnp-kit compile() + encodeRequest()', value: schemaCapnp.median }],
          goal: { text: 'under 5 ms', met: schemaCapnp.median < 5 },
          method: `Median of ${schemaCapnp.runs} runs after 50 warm-up runs, the bundled copy of /capnp/schema.capnp.`,
        },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
