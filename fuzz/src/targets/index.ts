import type { Target } from '../engine/target.js';
import { compileTarget } from './compile.js';
import { decodeTarget } from './decode.js';
import { jsonTarget } from './json.js';
import { rpcTarget } from './rpc.js';
import { textTarget } from './text.js';
import { unpackTarget } from './unpack.js';

/**
 * The campaigns, by name. Each target is self-contained (seeds, mutation, run, judgement), so
 * adding one is adding an entry here. `rpc` feeds frame sequences into a live connection (its
 * `run` is asynchronous) while a well-behaved client is served on another.
 */
export const TARGETS: Readonly<Record<string, Target>> = {
  decode: decodeTarget,
  unpack: unpackTarget,
  text: textTarget,
  json: jsonTarget,
  compile: compileTarget,
  rpc: rpcTarget,
};
