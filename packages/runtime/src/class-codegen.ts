import {
  foundStruct,
  locateStruct,
  type MessageBuilder,
  type MessageReader,
  readListPointer,
  readTextPointer,
  type Segment,
} from '@capnp-kit/wire';
import type { FieldBuild, FieldRead } from './accessors.js';
import { CapnpError } from './errors.js';
import type { FieldWrite } from './field-writers.js';
import type { ListClasses } from './list-classes.js';
import type { StructClasses } from './registry.js';
import type {
  BuilderClass,
  ReaderClass,
  StructBuilderBase,
  StructReaderBase,
} from './struct-base.js';

/**
 * The reader and builder classes of one struct type. Their field properties are accessors
 * that pass the struct's place to the field's reader or writer (accessors.ts,
 * field-writers.ts), where the logic lives; reader getters of Text, list, struct and group
 * fields do their reads themselves (see {@link FieldAccess.inline}).
 *
 * Why generate source: code written once and shared by every struct type sees every type's
 * object shape at each property access, and V8 then falls back to its slowest (megamorphic)
 * lookups. A class whose constructor and accessors are compiled from source made for that one
 * type keeps each access monomorphic, which roughly halves the cost of reading a message (see
 * docs/benchmarks.md). The generated source holds only JSON-quoted field names, offsets checked
 * to be integers, and calls of the functions handed in; nothing from a message or a schema is
 * evaluated. Where a
 * Content-Security-Policy forbids `Function`, the same classes are built from closures instead.
 */

/** One field's accessors. */
export interface FieldAccess {
  readonly name: string;
  readonly read: FieldRead;
  readonly build: FieldBuild;
  readonly write: FieldWrite;
  /**
   * For a Text, list, struct or group field: what the generated reader needs to read it in its
   * own getter. Text and lists are most of what a message holds, and a getter that calls
   * `readTextPointer` or `readListPointer` itself, rather than through `read`, is small enough
   * for V8 to inline into the caller's loop; struct and group getters construct their readers
   * at call sites of their own, which stay monomorphic. (`read` does the same, for the classes
   * built without code generation.)
   */
  readonly inline?: InlineRead;
}

/** See {@link FieldAccess.inline}. */
export type InlineRead = InlineText | InlineList | InlineStruct | InlineGroup;

interface InlineField {
  /** For a union member: the discriminant's byte offset and this member's value. */
  readonly union?: { readonly byte: number; readonly value: number };
}

interface InlinePointer extends InlineField {
  /** Pointer index. */
  readonly index: number;
}

interface InlineText extends InlinePointer {
  readonly kind: 'text';
  /** Value of a null pointer. */
  readonly fallback: string;
}

interface InlineList extends InlinePointer {
  readonly kind: 'list';
  /** The list's classes (resolved on first read: a struct may contain lists of itself). */
  readonly classes: () => ListClasses;
}

interface InlineStruct extends InlinePointer {
  readonly kind: 'struct';
  /** The struct's classes (resolved on first read: a struct may contain itself). */
  readonly classes: () => StructClasses;
}

interface InlineGroup extends InlineField {
  readonly kind: 'group';
  readonly classes: () => StructClasses;
}

/** The place fields of a struct object, assignable (they are set once, in the constructor). */
type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** A struct's union, for its `which()`: where the discriminant is and the members' names. */
export interface UnionLayout {
  /** Byte offset of the discriminant in the data section. */
  readonly byte: number;
  /** Member names by discriminant (undefined where no member has that value). */
  readonly names: readonly (string | undefined)[];
  /** What `which()` gives for a discriminant no member has (data from a newer schema). */
  readonly unknown: (d: number) => string;
}

let functionAllowed: boolean | undefined;

let compiled = 0;

/**
 * Compiles `body` with the given parameter names, or returns undefined where CSP forbids it.
 * Each call compiles source of its own: V8 compiles identical source once and shares its code
 * and type feedback, so list classes (whose source is the same for every list type) and the
 * classes of one generic struct under different brands would share their constructors'
 * feedback, which turns megamorphic past four types and made constructing a list about
 * twenty-five times slower in a message with seven list types.
 */
export function compileFunction(
  params: readonly string[],
  body: string,
): ((...args: unknown[]) => unknown) | undefined {
  if (functionAllowed === false) return undefined;
  if (functionAllowed === undefined) {
    try {
      new Function('return 0');
      functionAllowed = true;
    } catch {
      // A Content-Security-Policy without 'unsafe-eval' (EvalError) or a similar sandbox.
      functionAllowed = false;
      return undefined;
    }
  }
  compiled += 1;
  return new Function(...params, `${body}\n// ${compiled}`) as (...args: unknown[]) => unknown;
}

/** Turns off code generation (tests use it to check the closure-built classes). */
export function setCodegen(enabled: boolean): void {
  functionAllowed = enabled ? undefined : false;
}

function key(name: string): string {
  // A getter literally named "constructor" would be a syntax error; a computed key is not.
  return name === 'constructor' ? '["constructor"]' : JSON.stringify(name);
}

const READER_PLACE =
  'this._message, this._segment, this._view, this._dataByte, this._dataBytes, this._pointerByte, this._pointerCount, this._nesting';
/** A reader constructor's arguments: the place of this struct (for groups, which share it). */
const CONSTRUCTOR_PLACE =
  'this._message, this._segment, this._dataByte, this._dataBytes, this._pointerByte, this._pointerCount, this._nesting';
const BUILDER_PLACE =
  'this._message, this._segment, this._view, this._dataByte, this._dataBytes, this._pointerByte, this._pointerCount';

/** The reader class of a struct type. */
export function readerClass(
  Base: typeof StructReaderBase,
  name: string,
  fields: readonly FieldAccess[],
  union: UnionLayout | undefined,
): ReaderClass {
  const className = identifier(`${name}_Reader`);
  const make = compileFunction(
    [
      'Base',
      'r',
      'names',
      'unknown',
      'readText',
      'readList',
      'locate',
      'found',
      'inline',
      'classes',
    ],
    `return class ${className} extends Base {
  constructor(m, s, d, ds, p, pc, n) {
    super();
    this._message = m; this._segment = s; this._view = s.view; this._dataByte = d;
    this._dataBytes = ds; this._pointerByte = p; this._pointerCount = pc; this._nesting = n;
  }
${whichMethod(union)}${fields
  .map((f, i) => `  get ${key(f.name)}() { ${readerGetterBody(f, i)} }`)
  .join('\n')}
};`,
  );
  if (make === undefined) return readerByClosures(Base, fields) as ReaderClass;
  return make(
    Base,
    fields.map((f) => f.read),
    union?.names,
    union?.unknown,
    readTextPointer,
    readListPointer,
    locateStruct,
    foundStruct,
    fields.map((f) => f.inline),
    [],
  ) as ReaderClass;
}

/** The builder class of a struct type. */
export function builderClass(
  Base: typeof StructBuilderBase,
  name: string,
  fields: readonly FieldAccess[],
  union: UnionLayout | undefined,
): BuilderClass {
  const className = identifier(`${name}_Builder`);
  const make = compileFunction(
    ['Base', 'b', 'w', 'names', 'unknown'],
    `return class ${className} extends Base {
  constructor(m, s, d, ds, p, pc) {
    super();
    this._message = m; this._segment = s; this._view = s.view; this._dataByte = d;
    this._dataBytes = ds; this._pointerByte = p; this._pointerCount = pc;
  }
${whichMethod(union)}${fields
  .map(
    (f, i) =>
      `  get ${key(f.name)}() { return b[${i}](${BUILDER_PLACE}); }\n` +
      `  set ${key(f.name)}(v) { w[${i}](this._message, this._segment, this._dataByte, this._pointerByte, v); }`,
  )
  .join('\n')}
};`,
  );
  if (make === undefined) return builderByClosures(Base, fields) as BuilderClass;
  return make(
    Base,
    fields.map((f) => f.build),
    fields.map((f) => f.write),
    union?.names,
    union?.unknown,
  ) as BuilderClass;
}

// A reader getter: through the field's reader `r[i]`, or for the fields of `inline` by calling
// the wire reader itself, with the pointer's offset written out.
function readerGetterBody(f: FieldAccess, i: number): string {
  const call = `return r[${i}](${READER_PLACE});`;
  const inline = f.inline;
  if (inline === undefined) return call;
  const read = inlineRead(inline, i, call);
  if (inline.union === undefined) return read;
  // An inactive member: `r[i]` throws the error saying which member is active.
  const d = int(inline.union.byte);
  return `if ((this._dataBytes >= ${d + 2} ? this._view.getUint16(this._dataByte + ${d}, true) : 0) !== ${int(inline.union.value)}) ${call} ${read}`;
}

function inlineRead(inline: InlineRead, i: number, call: string): string {
  // Classes resolved on first read, kept in `classes[i]`.
  const classes = `(classes[${i}] ?? (classes[${i}] = inline[${i}].classes()))`;
  switch (inline.kind) {
    case 'text': {
      const at = `this._pointerByte + ${int(inline.index) * 8}`;
      return `return this._pointerCount > ${int(inline.index)} ? (readText(this._message, this._segment, ${at}) ?? inline[${i}].fallback) : inline[${i}].fallback;`;
    }
    case 'list': {
      // A null pointer falls through to `r[i]`, which gives the default.
      const at = `this._pointerByte + ${int(inline.index) * 8}`;
      return `if (this._pointerCount > ${int(inline.index)}) { const c = ${classes}; const v = readList(this._message, this._segment, ${at}, this._nesting, c.expectedSize, c.Reader); if (v !== null) return v; } ${call}`;
    }
    case 'struct': {
      // The common case is constructed here, one construction site per struct type (see
      // locateStruct); a null pointer and everything else go through `r[i]`.
      const at = `this._pointerByte + ${int(inline.index) * 8}`;
      return `if (this._pointerCount > ${int(inline.index)} && locate(this._message, this._segment, ${at}, this._nesting)) return new ${classes}.Reader(this._message, this._segment, found.byte, found.dataBytes, found.byte + found.dataBytes, found.pointerCount, this._nesting - 1); ${call}`;
    }
    case 'group':
      return `return new ${classes}.Reader(${CONSTRUCTOR_PLACE});`;
  }
}

/** `n`, checked to be what the schema model says it is (it becomes part of generated source). */
function int(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new CapnpError('schema', `Invalid offset in a schema node: ${String(n)}.`);
  return n;
}

// The discriminant read written out with the union's offset, small enough for V8 to inline
// (a struct without a union keeps the base class's which(), which returns undefined).
function whichMethod(union: UnionLayout | undefined): string {
  if (union === undefined) return '';
  const at = int(union.byte);
  return `  which() { const d = this._dataBytes >= ${at + 2} ? this._view.getUint16(this._dataByte + ${at}, true) : 0; return names[d] ?? unknown(d); }\n`;
}

/**
 * A class name for generated source (schema names are identifiers already; anything else
 * becomes `_`). Classes are named in their declaration: giving a class a `name` any other way
 * (defineProperty, or a computed key naming an anonymous class) makes V8 construct its
 * instances about twenty times more slowly.
 */
function identifier(name: string): string {
  const id = name.replace(/[^A-Za-z0-9_$]/g, '_');
  return /^[0-9]/.test(id) ? `_${id}` : id;
}

function readerByClosures(Base: typeof StructReaderBase, fields: readonly FieldAccess[]) {
  class Reader extends Base {
    constructor(
      m: MessageReader,
      s: Segment,
      d: number,
      ds: number,
      p: number,
      pc: number,
      n: number,
    ) {
      super();
      const self = this as Writable<StructReaderBase>;
      self._message = m;
      self._segment = s;
      self._view = s.view;
      self._dataByte = d;
      self._dataBytes = ds;
      self._pointerByte = p;
      self._pointerCount = pc;
      self._nesting = n;
    }
  }
  for (const f of fields) {
    const read = f.read;
    Object.defineProperty(Reader.prototype, f.name, {
      get(this: StructReaderBase) {
        return read(
          this._message,
          this._segment,
          this._view,
          this._dataByte,
          this._dataBytes,
          this._pointerByte,
          this._pointerCount,
          this._nesting,
        );
      },
      configurable: true,
    });
  }
  return Reader;
}

function builderByClosures(Base: typeof StructBuilderBase, fields: readonly FieldAccess[]) {
  class Builder extends Base {
    constructor(m: MessageBuilder, s: Segment, d: number, ds: number, p: number, pc: number) {
      super();
      const self = this as Writable<StructBuilderBase>;
      self._message = m;
      self._segment = s;
      self._view = s.view;
      self._dataByte = d;
      self._dataBytes = ds;
      self._pointerByte = p;
      self._pointerCount = pc;
    }
  }
  for (const f of fields) {
    const { build, write } = f;
    Object.defineProperty(Builder.prototype, f.name, {
      get(this: StructBuilderBase) {
        return build(
          this._message,
          this._segment,
          this._view,
          this._dataByte,
          this._dataBytes,
          this._pointerByte,
          this._pointerCount,
        );
      },
      set(this: StructBuilderBase, v: unknown) {
        write(this._message, this._segment, this._dataByte, this._pointerByte, v);
      },
      configurable: true,
    });
  }
  return Builder;
}
