import nodeModule from 'node:module';
import { loadSync, resolveSync } from './hooks.js';

/**
 * `node --import @capnp-kit/runtime/register app.mjs`: lets the app import schemas,
 * `import addressbook, { Person } from './addressbook.capnp'`. Each `.capnp` file is compiled
 * when first imported (imports resolved as `capnp compile` resolves them); its default export
 * is the loaded module object and each top-level declaration is a named export. A schema with
 * errors fails the import with the compiler's `file:line:col: error: …` lines.
 *
 * Where Node has `module.registerHooks` (22.15+, 23.5+) the hooks run synchronously in the
 * loading thread (and apply to `require` too); elsewhere (Node 20) `module.register` runs them
 * in Node's hooks thread.
 */

/** `module.registerHooks`, which @types/node 20 does not declare. */
type RegisterHooks = (hooks: { resolve: typeof resolveSync; load: typeof loadSync }) => unknown;

const registerHooks = (nodeModule as { registerHooks?: RegisterHooks }).registerHooks;
if (typeof registerHooks === 'function') {
  registerHooks({ resolve: resolveSync, load: loadSync });
} else {
  nodeModule.register('./hooks.js', import.meta.url);
}
