import { unplugin } from '../plugin.js';

/** The Vite plugin: `plugins: [capnp(options)]` in vite.config. */
export default unplugin.vite;
