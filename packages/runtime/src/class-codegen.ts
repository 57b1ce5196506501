import type { MessageBuilder, MessageReader, Segment } from '@capnp-kit/wire';
import type { FieldBuild, FieldRead } from './accessors.js';
import type { FieldWrite } from './field-writers.js';
import type {
  BuilderClass,
  ReaderClass,
  StructBuilderBase,
  StructReaderBase,
} from './struct-base.js';

/**
 * The reader and builder classes of one struct type. Their field properties are accessors
 * that pass the struct's place to the field's reader or writer (accessors.ts,
 * field-writers.ts), where all the logic lives.
 *
 * Why generate source: code written once and shared by every struct type sees every type's
 * object shape at each property access, and V8 then falls back to its slowest (megamorphic)
 * lookups. A class whose constructor and accessors are compiled from source made for that one
 * type keeps each access monomorphic, which roughly halves the cost of reading a message (see
 * docs/benchmarks.md). The generated source holds only JSON-quoted field names and calls of the
 * functions handed in; nothing from a message or a schema is evaluated. Where a
 * Content-Security-Policy forbids `Function`, the same classes are built from closures instead.
 */

/** One field's accessors. */
export interface FieldAccess {
  readonly name: string;
  readonly read: FieldRead;
  readonly build: FieldBuild;
  readonly write: FieldWrite;
}

/** The place fields of a struct object, assignable (they are set once, in the constructor). */
type Writable<T> = { -readonly [K in keyof T]: T[K] };

type Which = (view: DataView, data: number, dataBytes: number) => string | undefined;

let functionAllowed: boolean | undefined;

/** Compiles `body` with the given parameter names, or returns undefined where CSP forbids it. */
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
  return new Function(...params, body) as (...args: unknown[]) => unknown;
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
const BUILDER_PLACE =
  'this._message, this._segment, this._view, this._dataByte, this._dataBytes, this._pointerByte, this._pointerCount';

/** The reader class of a struct type. */
export function readerClass(
  Base: typeof StructReaderBase,
  name: string,
  fields: readonly FieldAccess[],
  which: Which | undefined,
): ReaderClass {
  const className = identifier(`${name}_Reader`);
  const make = compileFunction(
    ['Base', 'r', 'which'],
    `return class ${className} extends Base {
  constructor(m, s, d, ds, p, pc, n) {
    super();
    this._message = m; this._segment = s; this._view = s.view; this._dataByte = d;
    this._dataBytes = ds; this._pointerByte = p; this._pointerCount = pc; this._nesting = n;
  }
${whichMethod(which)}${fields
  .map((f, i) => `  get ${key(f.name)}() { return r[${i}](${READER_PLACE}); }`)
  .join('\n')}
};`,
  );
  if (make === undefined) return readerByClosures(Base, fields) as ReaderClass;
  return make(
    Base,
    fields.map((f) => f.read),
    which,
  ) as ReaderClass;
}

/** The builder class of a struct type. */
export function builderClass(
  Base: typeof StructBuilderBase,
  name: string,
  fields: readonly FieldAccess[],
  which: Which | undefined,
): BuilderClass {
  const className = identifier(`${name}_Builder`);
  const make = compileFunction(
    ['Base', 'b', 'w', 'which'],
    `return class ${className} extends Base {
  constructor(m, s, d, ds, p, pc) {
    super();
    this._message = m; this._segment = s; this._view = s.view; this._dataByte = d;
    this._dataBytes = ds; this._pointerByte = p; this._pointerCount = pc;
  }
${whichMethod(which)}${fields
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
    which,
  ) as BuilderClass;
}

function whichMethod(which: Which | undefined): string {
  return which === undefined
    ? ''
    : '  which() { return which(this._view, this._dataByte, this._dataBytes); }\n';
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
