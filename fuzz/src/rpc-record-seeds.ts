import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEEDS_DIR } from './targets/rpc.js';
import { encodeInput } from './targets/rpc-input.js';
import { recordSession, SESSIONS } from './targets/rpc-sessions.js';

/**
 * Records the RPC campaign's seed sessions (targets/rpc-sessions.ts) into fuzz/seeds/rpc/, one
 * `<session>.bin` each in the campaign's input encoding (memory mode). Run after changing the
 * sessions or the runtime's message layout:
 *
 *   pnpm --filter @capnp-kit/fuzz exec node --conditions=source --import tsx src/rpc-record-seeds.ts
 */

mkdirSync(SEEDS_DIR, { recursive: true });
for (const f of readdirSync(SEEDS_DIR)) if (f.endsWith('.bin')) rmSync(join(SEEDS_DIR, f));
for (const session of SESSIONS) {
  const frames = await recordSession(session);
  writeFileSync(join(SEEDS_DIR, `${session.name}.bin`), encodeInput('memory', 0, frames));
  console.log(`${session.name}: ${frames.length} frames`);
}
