import { unplugin } from '../plugin.js';

/** The esbuild plugin: `plugins: [capnp(options)]` in the build options. */
export default unplugin.esbuild;
