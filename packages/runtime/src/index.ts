/**
 * @capnp-kit/runtime — Cap'n Proto messages driven by schemas loaded at run time, and RPC.
 * This is the Node entry: it adds `load(path)`; bundlers targeting browsers get browser.ts.
 */
export * from './exports.js';
export { type LoadOptions, load } from './node/load-file.js';
