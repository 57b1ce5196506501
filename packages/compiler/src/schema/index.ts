/**
 * @capnp-kit/compiler/schema — the schema model (what the compiler produces and the runtime
 * loads) and the CodeGeneratorRequest encoding, without the compiler itself: the runtime's
 * browser entry imports only this.
 */
export { decodeRequest } from './decode.js';
export { encodeRequest } from './encode.js';
export * from './model.js';
export { lgSizeOf, sameType, shortName, substitute, typeName } from './types.js';
