import { type Type, typeName } from '@capnp-kit/compiler/schema';
import { CapnpError } from '../errors.js';
import { feature } from '../features.js';
import type { ListBuilderBase } from '../list-base.js';
import type { StructBuilderBase } from '../struct-base.js';
import type { FieldInfo } from '../struct-info.js';
import { binaryToBytes, stringToBinary } from './binary-string.js';
import { bigintToFloat32 } from './numbers.js';
import {
  type Expression,
  FatalTextError,
  type Param,
  parseTextExpression,
} from './parse-expression.js';
import { setTextBytes, setTextElementBytes } from './set-text.js';

/**
 * Text-format input, read as `capnp convert text:binary` (and `capnp encode`) read it: the
 * reference's TextCodec, which parses one schema-language expression and fills the struct with
 * its ValueTranslator. So: `(field = value, …)`; groups and structs as nested tuples; lists in
 * brackets; enumerants by name; `void`, `true`, `false`, `inf`, `-inf`, `nan`; integers in
 * decimal, `0x` hex or `0` octal (an integer for a float field is converted); strings with C
 * escapes (adjacent ones join; for Data a string gives its bytes); `0x"…"` for Data. Fields are
 * set in the order given (again: the last wins; a group is reset first). Names of constants,
 * imports and embeds are refused.
 */

/** Options of `fromText`. */
export interface FromTextOptions {
  /**
   * Called with problems the reference reports and then goes on after — an unknown field, a
   * value of the wrong type (the field is left as it was), an integer out of range (the nearest
   * in range is stored), a malformed list item. Without it they throw. Input the reference gives
   * up on (no tokens, extra tokens, names of constants) always throws.
   */
  onError: (error: TextFormatError) => void;
}

/** A problem in text-format input: where (byte offsets into the UTF-8 input) and what. */
export class TextFormatError extends CapnpError {
  constructor(
    /** What is wrong, as the reference words it. */
    readonly reason: string,
    /** Byte offset of the start of the offending text. */
    readonly start: number,
    /** Byte offset just past its end. */
    readonly end: number,
    /** Line (1-based) of `start`. */
    readonly line: number,
    /** Column (1-based, in bytes) of `start`. */
    readonly column: number,
    /** True if the reference gives up on the input here (no message is produced). */
    readonly fatal: boolean,
  ) {
    super('invalid-text', `Text format, line ${line}, column ${column}: ${reason}`);
  }
}

function errorAt(input: Uint8Array, start: number, end: number, reason: string, fatal: boolean) {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < start && i < input.length; i++) {
    if (input[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return new TextFormatError(reason, start, end, line, start - lineStart + 1, fatal);
}

/** A value compiled against its type; lists and structs are filled in place afterwards. */
type Compiled =
  | { readonly kind: 'void' }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'int' | 'uint'; readonly value: bigint }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'text' | 'data'; readonly value: Uint8Array }
  | { readonly kind: 'enum'; readonly value: number }
  | { readonly kind: 'list'; readonly items: readonly Expression[] }
  | { readonly kind: 'struct'; readonly params: readonly Param[] };

const RANGES: Record<string, [bigint, bigint]> = {
  int8: [-(2n ** 7n), 2n ** 7n - 1n],
  int16: [-(2n ** 15n), 2n ** 15n - 1n],
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint8: [0n, 2n ** 8n - 1n],
  uint16: [0n, 2n ** 16n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
  // Any integer is acceptable for a float.
  float32: [-(2n ** 63n), 2n ** 64n - 1n],
  float64: [-(2n ** 63n), 2n ** 64n - 1n],
};

type Target = Record<string, unknown> & StructBuilderBase;

class Translator {
  constructor(
    readonly report: (at: Expression | { start: number; end: number }, reason: string) => void,
    readonly fatal: (at: Expression, reason: string) => never,
    readonly enumOrdinal: (id: bigint, name: string) => number | undefined,
  ) {}

  // fillStructValue: each `name = value` in order.
  fill(b: StructBuilderBase, params: readonly Param[]): void {
    for (const p of params) {
      if (p.name === undefined) {
        this.report(p.value, 'Missing field name.');
        continue;
      }
      const f = b.$meta.info.byName.get(p.name.value);
      if (f === undefined) {
        this.report(p.name, `Struct has no field named '${p.name.value}'.`);
        continue;
      }
      if (f.type === undefined) {
        if (p.value.kind === 'tuple')
          this.fill(b.init(f.name) as StructBuilderBase, p.value.params);
        else this.report(p.value, 'Type mismatch; expected group.');
        continue;
      }
      const v = this.compile(p.value, f.type);
      if (v !== undefined) this.store(b, f, f.type, v);
    }
  }

  store(b: StructBuilderBase, f: FieldInfo, type: Type, v: Compiled): void {
    if (v.kind === 'struct') this.fill(b.init(f.name) as StructBuilderBase, v.params);
    else if (v.kind === 'list') {
      const list = b.init(f.name, v.items.length) as ListBuilderBase;
      this.fillList(list, (type as Type & { which: 'list' }).elementType, v.items);
    } else if (v.kind === 'text') setTextBytes(b, f, v.value);
    else (b as Target)[f.name] = scalar(v, type);
  }

  fillList(list: ListBuilderBase, element: Type, items: readonly Expression[]): void {
    items.forEach((item, i) => {
      const v = this.compile(item, element);
      if (v === undefined) return;
      if (v.kind === 'struct') this.fill(list.get(i) as StructBuilderBase, v.params);
      else if (v.kind === 'list') {
        const sub = (list as unknown as { init(i: number, n: number): ListBuilderBase }).init(
          i,
          v.items.length,
        );
        this.fillList(sub, (element as Type & { which: 'list' }).elementType, v.items);
      } else if (v.kind === 'text') setTextElementBytes(list, i, v.value);
      else list.set(i, scalar(v, element));
    });
  }

  mismatch(src: Expression, type: Type): undefined {
    this.report(src, `Type mismatch; expected ${nameOf(type)}.`);
    return undefined;
  }

  // compileValue: the value, then a check that it suits the type.
  compile(src: Expression, type: Type): Compiled | undefined {
    const v = this.inner(src, type);
    if (v === undefined) return undefined;
    switch (v.kind) {
      case 'void':
      case 'bool':
      case 'text':
      case 'data':
        return v.kind === type.which ? v : this.mismatch(src, type);
      case 'float':
        return type.which === 'float32' || type.which === 'float64' ? v : this.mismatch(src, type);
      case 'int':
      case 'uint': {
        const range = RANGES[type.which];
        if (range === undefined) return this.mismatch(src, type);
        const [min, max] = range;
        if (v.value < min || v.value > max) {
          this.report(src, 'Integer value out of range.');
          return { kind: v.value < min ? 'int' : 'uint', value: v.value < min ? min : max };
        }
        return v;
      }
      default:
        return v;
    }
  }

  // compileValueInner: what the expression is, with the type as a hint.
  inner(src: Expression, type: Type): Compiled | undefined {
    switch (src.kind) {
      case 'relative-name': {
        if (type.which === 'enum') {
          const ordinal = this.enumOrdinal(type.typeId, src.name);
          if (ordinal !== undefined) return { kind: 'enum', value: ordinal };
        } else {
          switch (src.name) {
            case 'void':
              return { kind: 'void' };
            case 'true':
            case 'false':
              return { kind: 'bool', value: src.name === 'true' };
            case 'nan':
              return { kind: 'float', value: Number.NaN };
            case 'inf':
              return { kind: 'float', value: Number.POSITIVE_INFINITY };
          }
        }
        return this.fatal(src, 'External constants not allowed.');
      }
      case 'absolute-name':
      case 'import':
      case 'member':
      case 'application':
        return this.fatal(src, 'External constants not allowed.');
      case 'embed':
        return this.fatal(src, 'External embeds not allowed.');
      case 'positive-int':
        return { kind: 'uint', value: src.value };
      case 'negative-int':
        if (src.value > 2n ** 63n) {
          this.report(src, 'Integer is too big to be negative.');
          return undefined;
        }
        return { kind: 'int', value: -src.value };
      case 'float':
        if (Number.isNaN(src.value)) {
          // `1e`: the reference's strtod reads no number here.
          this.report(src, 'String does not contain valid floating number.');
          return { kind: 'float', value: 0 };
        }
        return { kind: 'float', value: src.value };
      case 'string':
        return { kind: type.which === 'data' ? 'data' : 'text', value: src.value };
      case 'binary':
        return type.which === 'data'
          ? { kind: 'data', value: src.value }
          : this.mismatch(src, type);
      case 'list':
        return type.which === 'list'
          ? { kind: 'list', items: src.items }
          : this.mismatch(src, type);
      case 'tuple':
        return type.which === 'struct'
          ? { kind: 'struct', params: src.params }
          : this.mismatch(src, type);
      case 'unknown':
        return undefined;
    }
  }
}

function nameOf(type: Type): string {
  return typeName(type, (id) => {
    try {
      return feature('registry')().node(id);
    } catch {
      return undefined;
    }
  });
}

/** A compiled scalar as the field setters take it. */
function scalar(v: Compiled, type: Type): unknown {
  switch (v.kind) {
    case 'void':
      return null;
    case 'bool':
    case 'float':
    case 'data':
    case 'enum':
      return v.value;
    case 'int':
    case 'uint':
      if (type.which === 'float32') return bigintToFloat32(v.value);
      if (type.which === 'float64') return Number(v.value);
      return type.which === 'int64' || type.which === 'uint64' ? v.value : Number(v.value);
    default:
      return undefined;
  }
}

/**
 * Fills the struct builder `b` from a text-format message (a string, or bytes taken as they
 * are). See {@link FromTextOptions} for how problems are reported.
 */
export function parseTextInto(
  b: StructBuilderBase,
  text: string | Uint8Array,
  options: Partial<FromTextOptions> = {},
): void {
  const input = typeof text === 'string' ? binaryToBytes(stringToBinary(text)) : text;
  const onError = options.onError;
  const report = (at: { start: number; end: number }, reason: string) => {
    const e = errorAt(input, at.start, at.end, reason, false);
    if (onError === undefined) throw e;
    onError(e);
  };
  const fatal = (at: { start: number; end: number }, reason: string): never => {
    throw errorAt(input, at.start, at.end, reason, true);
  };
  let expression: Expression | undefined;
  try {
    expression = parseTextExpression(input, (start, end, reason) => report({ start, end }, reason));
  } catch (e) {
    if (e instanceof FatalTextError) throw errorAt(input, e.start, e.end, e.reason, true);
    throw e;
  }
  if (expression === undefined) return;
  if (expression.kind !== 'tuple') {
    report(expression, 'Input does not contain a struct.');
    return;
  }
  const enums = b.$meta.enumInfo;
  new Translator(report, fatal, (id, name) => enums(id).ordinals.get(name)).fill(
    b,
    expression.params,
  );
}
