import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as capnp from '@capnp-kit/runtime';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Any,
  allTypesValue,
  bytes,
  fixtures,
  goldenCases,
  oracleAvailable,
  read,
  schemas,
  typeOf,
  withNewline,
} from './text-json-support.js';

/**
 * Differential tests against the installed reference `capnp` (0.9.2): random messages of the
 * test schema printed and read by both, and the committed goldens checked against a live run.
 * Skipped without `capnp`, except under CI, where a missing reference fails.
 */

const std = join(import.meta.dirname, '../../compiler/std');
const allTypes = schemas['all-types'] as Any;

function convert(args: string[], input: Uint8Array): { stdout: Uint8Array; status: number } {
  const run = spawnSync('capnp', ['convert', '--no-standard-import', '-I', std, ...args], {
    input,
    maxBuffer: 1 << 26,
  });
  return { stdout: new Uint8Array(run.stdout), status: run.status ?? -1 };
}

const schemaFile = (stem: string) => join(fixtures, `${stem}.capnp`);

/** The Text and Data values in a plain-object message, joined. */
function strings(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return String.fromCharCode(...v);
  if (typeof v === 'object' && v !== null) return Object.values(v).map(strings).join('');
  return '';
}

describe.runIf(oracleAvailable())('against the live reference', () => {
  it('prints random messages exactly as `capnp convert binary:text|json` does', () => {
    fc.assert(
      fc.property(allTypesValue, (value) => {
        const m = allTypes.AllTypes.newMessage(value);
        const message = m.toBytes();
        const file = schemaFile('all-types');
        for (const short of [false, true]) {
          const flags = short ? ['--short'] : [];
          const text = convert([...flags, 'binary:text', file, 'AllTypes'], message);
          expect(withNewline(capnp.formatTextBytes(m, { short }))).toEqual(text.stdout);
          const json = convert([...flags, 'binary:json', file, 'AllTypes'], message);
          expect(withNewline(capnp.formatJsonBytes(m, { short }))).toEqual(json.stdout);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('reads random messages exactly as `capnp convert text|json:binary` does', () => {
    fc.assert(
      fc.property(allTypesValue, (value) => {
        // `capnp convert` splits its input into messages at brackets without minding quotes, and
        // takes `#` (and `//` in JSON) as comments: strings holding those would be cut apart.
        fc.pre(!/[()#{}/]/.test(strings(value)));
        const m = allTypes.AllTypes.newMessage(value);
        const file = schemaFile('all-types');
        const text = capnp.formatTextBytes(m);
        expect(allTypes.AllTypes.fromText(text).toBytes()).toEqual(
          convert(['text:binary', file, 'AllTypes'], text).stdout,
        );
        const json = capnp.formatJsonBytes(m, { short: true });
        expect(allTypes.AllTypes.fromJSON(json).toBytes()).toEqual(
          convert(['json:binary', file, 'AllTypes'], json).stdout,
        );
      }),
      { numRuns: 40 },
    );
  });

  describe.each(goldenCases())('the goldens are current: $schema $type $name', (c) => {
    it('the reference still writes them', () => {
      const file = schemaFile(c.schema);
      const message = bytes(`${c.base}.bin`);
      expect(convert(['binary:text', file, c.type], message).stdout).toEqual(
        bytes(`${c.base}.pretty.txt`),
      );
      const json = convert(['binary:json', file, c.type], message);
      if (read(`${c.base}.json-failed`) === undefined) {
        expect(json.stdout).toEqual(bytes(`${c.base}.pretty.json`));
      } else expect(json.status).not.toBe(0);
      expect(typeOf(c).fromBytes(message).toString()).toBe(
        new TextDecoder().decode(bytes(`${c.base}.pretty.txt`)).slice(0, -1),
      );
    });
  });
});
