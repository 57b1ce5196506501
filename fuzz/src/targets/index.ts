import type { Target } from '../engine/target.js';
import { compileTarget } from './compile.js';
import { decodeTarget } from './decode.js';
import { jsonTarget } from './json.js';
import { textTarget } from './text.js';
import { unpackTarget } from './unpack.js';

/**
 * The campaigns, by name. Each target is self-contained (seeds, mutation, run, judgement), so
 * adding one is adding an entry here. RPC (frames into a live connection, a server under
 * garbage keeping a well-behaved client served) is to be added the same way once
 * packages/runtime/src/rpc settles: its input would be a frame sequence, its `run` would feed
 * them through a scripted transport and check the connection's tables afterwards.
 */
export const TARGETS: Readonly<Record<string, Target>> = {
  decode: decodeTarget,
  unpack: unpackTarget,
  text: textTarget,
  json: jsonTarget,
  compile: compileTarget,
};
