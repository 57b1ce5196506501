import type { Type } from '@capnp-kit/compiler/schema';
import {
  clearPointer,
  ElementSize,
  type ListBuilderClass,
  type ListReaderClass,
  readCapabilityPointer,
  readDataPointer,
  readListPointer,
  readTextPointer,
  setCapabilityPointer,
  setDataPointer,
  setTextPointer,
} from '@capnp-kit/wire';
import { AnyPointerBuilder, AnyPointerReader } from './any-pointer.js';
import { existingList, type ListShape } from './builder-pointers.js';
import { ListBuilderBase, ListReaderBase } from './list-base.js';
import { concreteListBuilder, concreteListReader } from './list-codegen.js';
import type { Registry, StructClasses } from './registry.js';
import { capabilityFromTable, capabilityToTable } from './rpc/cap-codec.js';
import type {
  BuilderClass,
  ReaderClass,
  StructBuilderBase,
  StructReaderBase,
} from './struct-base.js';
import { toBigInt, toBool, toData, toEnum, toFloat, toSmallInt, toText } from './values.js';

/** The reader and builder classes of lists of one element type, and how they are encoded. */
export interface ListClasses {
  readonly elementType: Type;
  readonly Reader: ListReaderClass<ListReaderBase>;
  readonly Builder: ListBuilderClass<ListBuilderBase>;
  /** What readers accept (any encoding of this size or larger). */
  readonly expectedSize: ElementSize;
  /** How builders write a new list. */
  readonly shape: ListShape;
  /** The element type's classes, for lists of structs and lists of lists. */
  readonly element?: StructClasses | ListClasses;
}

const what = 'list element';

// Primitive lists --------------------------------------------------------------------------------

class VoidListReader extends ListReaderBase<null> {
  get(i: number): null {
    this.checkIndex(i);
    return null;
  }
}
class VoidListBuilder extends ListBuilderBase<null> {
  get(i: number): null {
    this.checkIndex(i);
    return null;
  }
  set(i: number, _v: unknown): void {
    this.checkIndex(i);
  }
}

class BoolListReader extends ListReaderBase<boolean> {
  get(i: number): boolean {
    this.checkIndex(i);
    return (this.view.getUint8(this.byte + (i >>> 3)) & (1 << (i & 7))) !== 0;
  }
}
class BoolListBuilder extends ListBuilderBase<boolean> {
  get(i: number): boolean {
    this.checkIndex(i);
    return (this.view.getUint8(this.byte + (i >>> 3)) & (1 << (i & 7))) !== 0;
  }
  set(i: number, v: unknown): void {
    this.checkIndex(i);
    const at = this.byte + (i >>> 3);
    const mask = 1 << (i & 7);
    const old = this.view.getUint8(at);
    this.view.setUint8(at, toBool(v, what) ? old | mask : old & ~mask);
  }
}

type NumberKind =
  | 'int8'
  | 'uint8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'float32'
  | 'float64';

function numberReader(kind: NumberKind): ListReaderClass<ListReaderBase> {
  switch (kind) {
    case 'int8':
      return class extends ListReaderBase<number> {
        get(i: number): number {
          this.checkIndex(i);
          return this.view.getInt8(this.elementByte(i));
        }
      };
    case 'uint8':
      return class extends ListReaderBase<number> {
        get(i: number): number {
          this.checkIndex(i);
          return this.view.getUint8(this.elementByte(i));
        }
      };
    case 'int16':
      return class extends ListReaderBase<number> {
        get(i: number): number {
          this.checkIndex(i);
          return this.view.getInt16(this.elementByte(i), true);
        }
      };
    case 'uint16':
      return class extends ListReaderBase<number> {
        get(i: number): number {
          this.checkIndex(i);
          return this.view.getUint16(this.elementByte(i), true);
        }
      };
    case 'int32':
      return class extends ListReaderBase<number> {
        get(i: number): number {
          this.checkIndex(i);
          return this.view.getInt32(this.elementByte(i), true);
        }
      };
    case 'uint32':
      return class extends ListReaderBase<number> {
        get(i: number): number {
          this.checkIndex(i);
          return this.view.getUint32(this.elementByte(i), true);
        }
      };
    case 'float32':
      return class extends ListReaderBase<number> {
        get(i: number): number {
          this.checkIndex(i);
          return this.view.getFloat32(this.elementByte(i), true);
        }
      };
    case 'float64':
      return class extends ListReaderBase<number> {
        get(i: number): number {
          this.checkIndex(i);
          return this.view.getFloat64(this.elementByte(i), true);
        }
      };
  }
}

function numberBuilder(kind: NumberKind): ListBuilderClass<ListBuilderBase> {
  const Reader = numberReader(kind);
  const get = Reader.prototype.get as (this: ListBuilderBase, i: number) => number;
  const write = (view: DataView, at: number, v: unknown): void => {
    switch (kind) {
      case 'int8':
      case 'uint8':
        view.setUint8(at, toSmallInt(v, kind, what) & 0xff);
        return;
      case 'int16':
      case 'uint16':
        view.setUint16(at, toSmallInt(v, kind, what) & 0xffff, true);
        return;
      case 'int32':
      case 'uint32':
        view.setUint32(at, toSmallInt(v, kind, what) >>> 0, true);
        return;
      case 'float32':
        view.setFloat32(at, toFloat(v, what), true);
        return;
      case 'float64':
        view.setFloat64(at, toFloat(v, what), true);
        return;
    }
  };
  return class extends ListBuilderBase<number> {
    get(i: number): number {
      return get.call(this, i);
    }
    set(i: number, v: unknown): void {
      this.checkIndex(i);
      write(this.view, this.elementByte(i), v);
    }
  };
}

function bigIntReader(signed: boolean): ListReaderClass<ListReaderBase> {
  return signed
    ? class extends ListReaderBase<bigint> {
        get(i: number): bigint {
          this.checkIndex(i);
          return this.view.getBigInt64(this.elementByte(i), true);
        }
      }
    : class extends ListReaderBase<bigint> {
        get(i: number): bigint {
          this.checkIndex(i);
          return this.view.getBigUint64(this.elementByte(i), true);
        }
      };
}

function bigIntBuilder(signed: boolean): ListBuilderClass<ListBuilderBase> {
  const kind = signed ? 'int64' : 'uint64';
  return class extends ListBuilderBase<bigint> {
    get(i: number): bigint {
      this.checkIndex(i);
      return signed
        ? this.view.getBigInt64(this.elementByte(i), true)
        : this.view.getBigUint64(this.elementByte(i), true);
    }
    set(i: number, v: unknown): void {
      this.checkIndex(i);
      this.view.setBigUint64(
        this.elementByte(i),
        BigInt.asUintN(64, toBigInt(v, kind, what)),
        true,
      );
    }
  };
}

function enumClasses(names: readonly string[], ordinals: ReadonlyMap<string, number>) {
  const Reader = class extends ListReaderBase<string | number> {
    get(i: number): string | number {
      this.checkIndex(i);
      const raw = this.view.getUint16(this.elementByte(i), true);
      return names[raw] ?? raw;
    }
  };
  const Builder = class extends ListBuilderBase<string | number> {
    get(i: number): string | number {
      this.checkIndex(i);
      const raw = this.view.getUint16(this.elementByte(i), true);
      return names[raw] ?? raw;
    }
    set(i: number, v: unknown): void {
      this.checkIndex(i);
      this.view.setUint16(this.elementByte(i), toEnum(v, names, ordinals, what), true);
    }
  };
  return { Reader, Builder };
}

// Blob lists -------------------------------------------------------------------------------------

class TextListReader extends ListReaderBase<string> {
  get(i: number): string {
    this.checkIndex(i);
    return readTextPointer(this.message, this.segment, this.pointerByte(i)) ?? '';
  }
}
class TextListBuilder extends ListBuilderBase<string> {
  get(i: number): string {
    this.checkIndex(i);
    return readTextPointer(this.message.asReader(), this.segment, this.pointerByte(i)) ?? '';
  }
  set(i: number, v: unknown): void {
    this.checkIndex(i);
    if (v === null || v === undefined)
      clearPointer(this.message, this.segment, this.pointerByte(i));
    else setTextPointer(this.message, this.segment, this.pointerByte(i), toText(v, what));
  }
}

const EMPTY = new Uint8Array(0);

class DataListReader extends ListReaderBase<Uint8Array> {
  get(i: number): Uint8Array {
    this.checkIndex(i);
    return readDataPointer(this.message, this.segment, this.pointerByte(i)) ?? EMPTY;
  }
}
class DataListBuilder extends ListBuilderBase<Uint8Array> {
  get(i: number): Uint8Array {
    this.checkIndex(i);
    return readDataPointer(this.message.asReader(), this.segment, this.pointerByte(i)) ?? EMPTY;
  }
  set(i: number, v: unknown): void {
    this.checkIndex(i);
    if (v === null || v === undefined)
      clearPointer(this.message, this.segment, this.pointerByte(i));
    else setDataPointer(this.message, this.segment, this.pointerByte(i), toData(v, what));
  }
}

// Capability lists hold clients: reading gives a client of the element interface (with its
// own reference); writing takes clients or Server objects (see rpc/cap-codec.ts).
function capabilityListClasses(reg: Registry, elementType: Type) {
  const Reader = class extends ListReaderBase<unknown> {
    get(i: number): unknown {
      this.checkIndex(i);
      const index = readCapabilityPointer(this.message, this.segment, this.pointerByte(i));
      return index === null
        ? null
        : capabilityFromTable(reg, this.message.capTable[index], elementType);
    }
  };
  const Builder = class extends ListBuilderBase<unknown> {
    get(i: number): unknown {
      this.checkIndex(i);
      const m = this.message;
      const index = readCapabilityPointer(m.asReader(), this.segment, this.pointerByte(i));
      return index === null ? null : capabilityFromTable(reg, m.capTable[index], elementType);
    }
    set(i: number, v: unknown): void {
      this.checkIndex(i);
      const entry = capabilityToTable(this.message, v);
      if (entry === null) clearPointer(this.message, this.segment, this.pointerByte(i));
      else {
        this.message.capTable.push(entry);
        setCapabilityPointer(
          this.message,
          this.segment,
          this.pointerByte(i),
          this.message.capTable.length - 1,
        );
      }
    }
  };
  return { Reader, Builder };
}

// Lists of structs and of lists ----------------------------------------------------------------

function structListClasses(reg: Registry, Element: ReaderClass, ElementBuilder: BuilderClass) {
  const Reader = class extends ListReaderBase<StructReaderBase> {
    get(i: number): StructReaderBase {
      this.checkIndex(i);
      const at = this.elementByte(i);
      return new Element(
        this.message,
        this.segment,
        at,
        this.structDataBytes,
        at + this.structDataBytes,
        this.structPointerCount,
        this.nestingLeft,
      );
    }
  };
  const Builder = class extends ListBuilderBase<StructBuilderBase> {
    get(i: number): StructBuilderBase {
      this.checkIndex(i);
      const at = this.elementByte(i);
      return new ElementBuilder(
        this.message,
        this.segment,
        at,
        this.structDataBytes,
        at + this.structDataBytes,
        this.structPointerCount,
      );
    }
    /** Replaces element `i` with a copy of a struct or the fields of a plain object. */
    set(i: number, v: unknown): void {
      reg.setStructElement(this.get(i), v);
    }
  };
  return { Reader, Builder };
}

function listListClasses(reg: Registry, inner: () => ListClasses) {
  const Reader = class extends ListReaderBase<ListReaderBase> {
    get(i: number): ListReaderBase {
      this.checkIndex(i);
      const c = inner();
      return (
        readListPointer(
          this.message,
          this.segment,
          this.pointerByte(i),
          this.nestingLeft,
          c.expectedSize,
          c.Reader,
        ) ?? reg.defaultList(c, null)
      );
    }
  };
  const Builder = class extends ListBuilderBase<ListBuilderBase> {
    get(i: number): ListBuilderBase {
      this.checkIndex(i);
      const c = inner();
      return (
        existingList(this.message, this.segment, this.pointerByte(i), c.shape, c.Builder) ??
        reg.emptyListBuilder(c)
      );
    }
    set(i: number, v: unknown): void {
      this.checkIndex(i);
      reg.setListAt(this.message, this.segment, this.pointerByte(i), inner(), v, what);
    }
    /** Initializes element `i` as a new list of `length` elements and returns its builder. */
    init(i: number, length: number): ListBuilderBase {
      this.checkIndex(i);
      return reg.initListAt(this.message, this.segment, this.pointerByte(i), inner(), length);
    }
  };
  return { Reader, Builder };
}

function anyPointerListClasses(reg: Registry) {
  const Reader = class extends ListReaderBase<AnyPointerReader> {
    get(i: number): AnyPointerReader {
      this.checkIndex(i);
      return new AnyPointerReader(
        reg,
        this.message,
        this.segment,
        this.pointerByte(i),
        this.nestingLeft,
      );
    }
  };
  const Builder = class extends ListBuilderBase<AnyPointerBuilder> {
    get(i: number): AnyPointerBuilder {
      this.checkIndex(i);
      return new AnyPointerBuilder(reg, this.message, this.segment, this.pointerByte(i));
    }
    set(i: number, v: unknown): void {
      this.get(i).set(v);
    }
  };
  return { Reader, Builder };
}

const SIZES: Record<string, ElementSize> = {
  void: ElementSize.void,
  bool: ElementSize.bit,
  int8: ElementSize.byte,
  uint8: ElementSize.byte,
  int16: ElementSize.twoBytes,
  uint16: ElementSize.twoBytes,
  enum: ElementSize.twoBytes,
  int32: ElementSize.fourBytes,
  uint32: ElementSize.fourBytes,
  float32: ElementSize.fourBytes,
  int64: ElementSize.eightBytes,
  uint64: ElementSize.eightBytes,
  float64: ElementSize.eightBytes,
};

/** Builds the list classes for lists of `elementType`. */
export function makeListClasses(reg: Registry, listType: Type & { which: 'list' }): ListClasses {
  const classes = listClassesOf(reg, listType) as {
    -readonly [K in keyof ListClasses]: ListClasses[K];
  };
  const element =
    listType.elementType.which === 'struct' ? (classes.element as StructClasses) : undefined;
  classes.Reader = concreteListReader(
    classes.Reader as unknown as abstract new () => ListReaderBase,
    element?.Reader,
  );
  classes.Builder = concreteListBuilder(
    classes.Builder as unknown as abstract new () => ListBuilderBase,
    element?.Builder,
  );
  // Lists know their element type (for toString/toJSON); shared classes get the same kind.
  for (const proto of [classes.Reader.prototype, classes.Builder.prototype]) {
    Object.defineProperty(proto, '$elementType', {
      value: classes.elementType,
      configurable: true,
    });
  }
  return classes;
}

function listClassesOf(reg: Registry, listType: Type & { which: 'list' }): ListClasses {
  const elementType = listType.elementType;
  const plain = (
    size: ElementSize,
    Reader: ListReaderClass<ListReaderBase>,
    Builder: ListBuilderClass<ListBuilderBase>,
  ): ListClasses => ({
    elementType,
    Reader,
    Builder,
    expectedSize: size,
    shape: { elementSize: size },
  });
  switch (elementType.which) {
    case 'void':
      return plain(ElementSize.void, VoidListReader, VoidListBuilder);
    case 'bool':
      return plain(ElementSize.bit, BoolListReader, BoolListBuilder);
    case 'int8':
    case 'uint8':
    case 'int16':
    case 'uint16':
    case 'int32':
    case 'uint32':
    case 'float32':
    case 'float64':
      return plain(
        SIZES[elementType.which] as ElementSize,
        numberReader(elementType.which),
        numberBuilder(elementType.which),
      );
    case 'int64':
    case 'uint64':
      return plain(
        ElementSize.eightBytes,
        bigIntReader(elementType.which === 'int64'),
        bigIntBuilder(elementType.which === 'int64'),
      );
    case 'enum': {
      const { names, ordinals } = reg.enumInfo(elementType.typeId);
      const { Reader, Builder } = enumClasses(names, ordinals);
      return plain(ElementSize.twoBytes, Reader, Builder);
    }
    case 'text':
      return plain(ElementSize.pointer, TextListReader, TextListBuilder);
    case 'data':
      return plain(ElementSize.pointer, DataListReader, DataListBuilder);
    case 'interface': {
      const { Reader, Builder } = capabilityListClasses(reg, elementType);
      return plain(ElementSize.pointer, Reader, Builder);
    }
    case 'anyPointer': {
      const { Reader, Builder } = anyPointerListClasses(reg);
      return plain(ElementSize.pointer, Reader, Builder);
    }
    case 'list': {
      let inner: ListClasses | undefined;
      const resolve = () => {
        inner ??= reg.listClasses(elementType);
        return inner;
      };
      const { Reader, Builder } = listListClasses(reg, resolve);
      // The element classes are resolved on first use: a list type may contain itself.
      return Object.defineProperty(plain(ElementSize.pointer, Reader, Builder), 'element', {
        get: resolve,
      });
    }
    case 'struct': {
      const element = reg.structClasses(elementType.typeId, elementType.brand);
      const { Reader, Builder } = structListClasses(reg, element.Reader, element.Builder);
      return {
        elementType,
        element,
        Reader,
        Builder,
        expectedSize: ElementSize.inlineComposite,
        shape: {
          elementSize: ElementSize.inlineComposite,
          dataWords: element.meta.dataWords,
          pointerCount: element.meta.pointerCount,
        },
      };
    }
  }
}
