/**
 * @capnp-kit/cli — the `capnp-kit` command, a drop-in for the reference `capnp` tool. Also usable
 * programmatically: `main(argv)` runs a command and resolves to its exit status.
 */
export { main } from './main.js';
