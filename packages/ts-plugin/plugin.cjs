'use strict';
/**
 * The tsserver plugin, as tsserver loads it: tsserver finds the package through its `main` field
 * and `require`s it, expecting `module.exports` to be the plugin factory
 * `(modules: { typescript }) => { create(info) }`. The plugin itself is ES modules (dist/); this
 * file is the CommonJS door to them.
 *
 * Node 20.19+ and 22.12+ `require` ES modules synchronously: the factory is then the plugin's.
 * Where `require` of ES modules is not available (an editor running an older Node), the plugin
 * is imported asynchronously: until it has loaded, the language service TypeScript made is
 * used as it is, and once it has, the projects are loaded again, now with the plugin.
 */

let plugin;
try {
  plugin = require('./dist/plugin/create-plugin.js');
} catch (e) {
  if (e === null || typeof e !== 'object' || e.code !== 'ERR_REQUIRE_ESM') throw e;
}

// The plugin's module once imported (shared by every project), the import under way, and the
// project services that will load their projects again when it is done (once each).
let loaded;
let loading;
const reloading = new WeakSet();

/** The plugin factory, when its module is loaded only later (see above). */
function deferredFactory(modules) {
  loading ??= import('./dist/plugin/create-plugin.js').then((module) => {
    loaded = module;
    return module;
  });
  return {
    create(info) {
      // Projects made (or remade) once the plugin has loaded get it directly.
      if (loaded !== undefined) return loaded.createPlugin(modules).create(info);
      const service = info.project.projectService;
      if (reloading.has(service)) return info.languageService;
      reloading.add(service);
      loading.then(
        // TypeScript keeps the resolutions it made without the plugin (of `.capnp` imports:
        // none) until a project is loaded again; loaded again, it gets the plugin directly.
        () => service.reloadProjects(),
        (error) => {
          service.logger.info(`[@capnp-kit/ts-plugin] not enabled: ${error?.stack}`);
        },
      );
      return info.languageService;
    },
  };
}

module.exports = plugin === undefined ? deferredFactory : plugin.createPlugin;
