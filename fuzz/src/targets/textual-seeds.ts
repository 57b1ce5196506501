import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StructBuilderBase } from '@capnp-kit/runtime';
import { Rng } from '../engine/rng.js';
import { sampleMessage } from './sample-values.js';
import { messageTypes, REPO } from './schemas.js';

/** A seed text and the type (`file.capnp:Type`) it is for. */
export interface TextSeed {
  readonly type: string;
  readonly text: string;
}

/**
 * Seed texts for the text and JSON campaigns: the runtime's fixture files whose names end with
 * one of `suffixes` (hand-written messages, and what the reference printed for them), and
 * every message type's samples printed by `print`.
 */
export function textualSeeds(
  suffixes: readonly string[],
  print: (b: StructBuilderBase) => readonly string[],
): TextSeed[] {
  const out: TextSeed[] = [];
  const fixtures = (dir: string, type: string) => {
    for (const file of readdirSync(dir).sort()) {
      if (suffixes.some((s) => file.endsWith(s))) {
        out.push({ type, text: readFileSync(join(dir, file), 'utf8') });
      }
    }
  };
  const conformance = join(REPO, 'packages/runtime/test/fixtures/conformance');
  for (const sub of ['cases', 'golden']) {
    for (const type of readdirSync(join(conformance, sub), { withFileTypes: true })) {
      if (type.isDirectory() && type.name !== 'evolution') {
        fixtures(join(conformance, sub, type.name), `conformance.capnp:${type.name}`);
      }
    }
  }
  const textJson = join(REPO, 'packages/runtime/test/fixtures/text-json');
  for (const sub of ['testdata', 'golden']) {
    for (const schema of ['all-types', 'json-annotations']) {
      for (const type of readdirSync(join(textJson, sub, schema)).sort()) {
        fixtures(join(textJson, sub, schema, type), `${schema}.capnp:${type}`);
      }
    }
  }
  const rng = new Rng(2);
  for (const { name, type } of messageTypes()) {
    for (let k = 0; k < 2; k++) {
      for (const text of print(sampleMessage(type, rng))) out.push({ type: name, text });
    }
  }
  return out;
}
