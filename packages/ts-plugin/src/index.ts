/**
 * @capnp-kit/ts-plugin — types for `.capnp` imports. `generateDeclarations` turns a compiled
 * schema into the TypeScript declarations of its module; `schemaDeclarations` compiles a schema
 * file and does that; the CLI writes them as `x.d.capnp.ts` sidecars (`capnp-kit types`).
 * Required as CommonJS (what tsserver does with `"plugins": [{ "name": "@capnp-kit/ts-plugin" }]`)
 * the package is the tsserver plugin (see plugin.cjs).
 */
export {
  type DeclarationOptions,
  generateDeclarations,
} from './declarations/generate-declarations.js';
export { createPlugin, SCHEMA_ERROR_CODE } from './plugin/create-plugin.js';
export {
  type SchemaDeclarationsResult,
  type SchemaFiles,
  schemaDeclarations,
  sidecarPath,
} from './schema-declarations.js';
export { type CompiledSchemaFile, sidecarWriter, writeIfChanged } from './sidecar-writer.js';
