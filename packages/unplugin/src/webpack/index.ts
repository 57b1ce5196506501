import { unplugin } from '../plugin.js';

/** The webpack 5 plugin: `plugins: [capnp(options)]` in webpack.config. */
export default unplugin.webpack;
