#!/usr/bin/env node
// Regenerates the reference outputs of the runtime conformance tests with the live `capnp`
// 0.9.2 (it must be on PATH). Run from anywhere: `node packages/runtime/scripts/make-conformance-goldens.mjs`.
//
// Inputs (hand-written) in packages/runtime/test/fixtures/conformance/:
//   conformance.capnp, cases/<Type>/<name>.txt           messages in the text format
//   evolution/v1.capnp, evolution/v2.capnp, evolution/cases/<v1|v2>/<Type>/<name>.txt
// Outputs in golden/ (same relative paths, one file per form):
//   <name>.bin             capnp convert text:binary of the input
//   <name>.json            capnp convert binary:json --short of the .bin
//   <name>.txt             capnp convert binary:text of the .bin (what capnp prints for it)
//   <name>.packed          binary:packed;  <name>.canonical  binary:canonical
//   <name>.segN.bin        binary:binary --segment-size=N (far and double-far pointers)
//   <name>.seg2.packed     binary:packed --segment-size=2
//   evolution: <name>.as-<other>.json and .as-<other>.txt: the .bin read with the other version
//   defaults-eval.json     `capnp eval` of every field default of Defaults (text form)
// Re-running without changes to the inputs reproduces identical files.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const fixtures = join(root, 'packages/runtime/test/fixtures/conformance');
const golden = join(fixtures, 'golden');
const SEGMENT_SIZES = [1, 2, 3, 8];

/** Runs capnp with `args` from the fixtures directory (relative paths keep outputs stable). */
function capnp(args, input) {
  return execFileSync('capnp', args, {
    cwd: fixtures,
    input,
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

const version = capnp(['--version']).toString().trim();
if (version !== "Cap'n Proto version 0.9.2") {
  console.error(`make-conformance-goldens: need capnp 0.9.2, found: ${version}`);
  process.exit(1);
}

/** Every `<dir>/<Type>/<name>.txt` under `dir`, as [type, name]. */
function casesIn(dir) {
  const out = [];
  for (const type of readdirSync(dir).sort()) {
    for (const file of readdirSync(join(dir, type)).sort()) {
      if (file.endsWith('.txt')) out.push([type, file.slice(0, -4)]);
    }
  }
  return out;
}

function write(path, bytes) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
}

/** The binary forms of one message (made from the text at `input` with `schema`). */
function binaryForms(schema, type, input, out) {
  const bin = capnp(['convert', 'text:binary', schema, type], readFileSync(input));
  write(`${out}.bin`, bin);
  write(`${out}.json`, capnp(['convert', 'binary:json', '--short', schema, type], bin));
  write(`${out}.txt`, capnp(['convert', 'binary:text', schema, type], bin));
  write(`${out}.packed`, capnp(['convert', 'binary:packed'], bin));
  write(`${out}.canonical`, capnp(['convert', 'binary:canonical'], bin));
  for (const n of SEGMENT_SIZES) {
    write(`${out}.seg${n}.bin`, capnp(['convert', `--segment-size=${n}`, 'binary:binary'], bin));
  }
  write(`${out}.seg2.packed`, capnp(['convert', '--segment-size=2', 'binary:packed'], bin));
  return bin;
}

rmSync(golden, { recursive: true, force: true });
let count = 0;

for (const [type, name] of casesIn(join(fixtures, 'cases'))) {
  binaryForms(
    'conformance.capnp',
    type,
    join(fixtures, 'cases', type, `${name}.txt`),
    join(golden, type, name),
  );
  count++;
}

// Every field default of Defaults, as the reference evaluates it (`capnp eval`, text form).
// Fields inside `name :group {` blocks are evaluated by their path (`group.a`); of the union,
// only its first member (the active one of an empty message) can be evaluated.
const schemaText = readFileSync(join(fixtures, 'conformance.capnp'), 'utf8');
const defaultsStart = schemaText.indexOf('struct Defaults {');
const defaultsBody = schemaText.slice(defaultsStart, schemaText.indexOf('\n}\n', defaultsStart));
const fieldDefaults = {};
let group = '';
let unionMembers = -1;
for (const line of defaultsBody.split('\n')) {
  const opened = /^\s+(\w+) :group \{/.exec(line);
  if (opened !== null) group = `${opened[1]}.`;
  else if (/^\s+union \{/.test(line)) unionMembers = 0;
  else if (/^\s+\}/.test(line)) {
    group = '';
    unionMembers = -1;
  }
  const field = /^\s+(\w+) @\d+ :/.exec(line);
  if (field === null || (unionMembers >= 0 && unionMembers++ > 0)) continue;
  const path = `${group}${field[1]}`;
  fieldDefaults[path] = capnp(['eval', 'conformance.capnp', `Defaults.${path}`]).toString();
}
write(join(golden, 'defaults-eval.json'), `${JSON.stringify(fieldDefaults, null, 2)}\n`);

// Schema evolution: each version's messages, and what the reference reads from them with the
// other version's schema.
const evolution = join(fixtures, 'evolution');
for (const [version, other] of [
  ['v1', 'v2'],
  ['v2', 'v1'],
]) {
  const dir = join(evolution, 'cases', version);
  for (const [type, name] of casesIn(dir)) {
    const out = join(golden, 'evolution', version, type, name);
    const bin = binaryForms(
      `evolution/${version}.capnp`,
      type,
      join(dir, type, `${name}.txt`),
      out,
    );
    const otherSchema = `evolution/${other}.capnp`;
    write(
      `${out}.as-${other}.json`,
      capnp(['convert', 'binary:json', '--short', otherSchema, type], bin),
    );
    write(`${out}.as-${other}.txt`, capnp(['convert', 'binary:text', otherSchema, type], bin));
    count++;
  }
}

console.log(`make-conformance-goldens: ${count} messages into ${relative(root, golden)}`);
