/**
 * @capnp-kit/unplugin — `import ab, { Person } from './addressbook.capnp'` in Vite, Rollup,
 * Rolldown, webpack, Rspack, Rsbuild and esbuild. Each bundler has its own entry
 * (`@capnp-kit/unplugin/vite`, …) whose default export is the plugin factory; this entry has
 * the unplugin instance with all of them, and the options' types.
 */
export type { CapnpPluginOptions, SchemaTypesInput, TypesHook } from './options.js';
export { PLUGIN_NAME, unplugin } from './plugin.js';
export { SchemaBuildError } from './schema-error.js';
