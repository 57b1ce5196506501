import { unplugin } from '../plugin.js';

/** The Rspack plugin: `plugins: [capnp(options)]` in rspack.config. */
export default unplugin.rspack;
