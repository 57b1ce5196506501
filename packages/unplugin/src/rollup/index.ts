import { unplugin } from '../plugin.js';

/** The Rollup plugin: `plugins: [capnp(options)]`. */
export default unplugin.rollup;
