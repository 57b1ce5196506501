import { unplugin } from '../plugin.js';

/** The Rolldown plugin: `plugins: [capnp(options)]`. */
export default unplugin.rolldown;
