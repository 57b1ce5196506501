/**
 * @capnp-kit/runtime — Cap'n Proto messages driven by schemas loaded at run time, and RPC.
 * This is the Node entry: it adds `load(path)`, and RPC over TCP and unix sockets (these
 * TwoPartyClient/TwoPartyServer take precedence over the browser-safe ones of exports.ts);
 * bundlers targeting browsers get browser.ts.
 */
export * from './exports.js';
export { type LoadOptions, load } from './node/load-file.js';
export { TwoPartyClient, TwoPartyServer } from './rpc/node/two-party-node.js';
