import { unplugin } from '../plugin.js';

/** The Rsbuild plugin: `plugins: [capnp(options)]` in rsbuild.config. */
export default unplugin.rsbuild;
