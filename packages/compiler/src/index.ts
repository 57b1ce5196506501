/**
 * @capnp-kit/compiler — the Cap'n Proto schema compiler in TypeScript. `compile()` turns schema
 * files into exactly the CodeGeneratorRequest `capnp compile -o-` (0.9.2) writes, in Node and in
 * browsers; `encodeRequest()` gives its bytes.
 */
export type * from './ast.js';
export { type CompileOptions, type CompileResult, compile } from './compile.js';
export {
  CompileError,
  type Diagnostic,
  type DiagnosticCode,
  formatDiagnostic,
} from './diagnostics.js';
export { childId, formatId, groupId, methodParamsId, randomId } from './ids.js';
export {
  type BinaryToken,
  type FloatToken,
  type IdentifierToken,
  type IntegerToken,
  type LexResult,
  type ListToken,
  lex,
  MAX_NESTING_DEPTH,
  type OperatorToken,
  type Statement,
  type StringToken,
  type Token,
} from './lexer.js';
export type { ReadFile } from './loader.js';
export { MAX_EXPRESSION_DEPTH } from './parse-input.js';
export { type ParseResult, parseFile } from './parser.js';
export * from './schema/index.js';
export { SourceFile } from './source.js';
export { STD_SCHEMAS } from './std-schemas.js';
