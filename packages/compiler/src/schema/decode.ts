import {
  copyPointer,
  decodeFrame,
  ElementSize,
  type ListReader,
  MessageBuilder,
  MessageReader,
  type ReaderOptions,
  readDataPointer,
  readListPointer,
  readStructPointer,
  readTextPointer,
  StructReader,
  totalSize,
} from '@capnp-kit/wire';
import {
  ANNOTATION_TARGETS,
  type Annotation,
  type Brand,
  type BrandScope,
  type CodeGeneratorRequest,
  type Field,
  type Method,
  NO_DISCRIMINANT,
  type Node,
  type SourceInfo,
  type Type,
  type Value,
} from './model.js';

/**
 * Reads a CodeGeneratorRequest (what `capnp compile -o-` or `capnp-kit compile -o-` write, or
 * what a bundler plugin embeds) back into the schema model. The inverse of `encodeRequest`.
 * Reading is bounded by `options` (default: the wire defaults), so untrusted bytes are safe.
 */
export function decodeRequest(
  bytes: Uint8Array,
  options?: Partial<ReaderOptions>,
): CodeGeneratorRequest {
  const frame = decodeFrame(bytes, 0, options?.traversalLimitInWords);
  const message = MessageReader.fromSegments(frame.segments, options);
  const root = new R(message.root() ?? emptyStruct(message));
  const version = root.struct(2);
  return {
    capnpVersion: {
      major: version?.u16(0) ?? 0,
      minor: version?.u8(2) ?? 0,
      micro: version?.u8(3) ?? 0,
    },
    nodes: root.list(0, readNode),
    sourceInfo: root.list(3, readSourceInfo),
    requestedFiles: root.list(1, (f) => ({
      id: f.u64(0),
      filename: f.text(0) ?? '',
      imports: f.list(1, (i) => ({ id: i.u64(0), name: i.text(0) ?? '' })),
    })),
  };
}

function emptyStruct(message: MessageReader): StructReader {
  return new StructReader(message, message.segments[0] as never, 0, 0, 0, 0, 0);
}

/** Field access on one struct of the request: offsets in bytes, pointers by index. */
class R {
  constructor(readonly s: StructReader) {}

  u8(byte: number): number {
    return byte < this.s.dataBytes ? this.s.segment.view.getUint8(this.s.dataByte + byte) : 0;
  }
  u16(byte: number): number {
    return byte + 2 <= this.s.dataBytes
      ? this.s.segment.view.getUint16(this.s.dataByte + byte, true)
      : 0;
  }
  u32(byte: number): number {
    return byte + 4 <= this.s.dataBytes
      ? this.s.segment.view.getUint32(this.s.dataByte + byte, true)
      : 0;
  }
  u64(byte: number): bigint {
    return byte + 8 <= this.s.dataBytes
      ? this.s.segment.view.getBigUint64(this.s.dataByte + byte, true)
      : 0n;
  }
  bit(bit: number): boolean {
    return (this.u8(bit >>> 3) & (1 << (bit & 7))) !== 0;
  }
  #pointer(index: number): number | undefined {
    return index < this.s.pointerCount ? this.s.pointerByte + index * 8 : undefined;
  }
  text(index: number): string | null {
    const at = this.#pointer(index);
    return at === undefined ? null : readTextPointer(this.s.message, this.s.segment, at);
  }
  struct(index: number): R | undefined {
    const at = this.#pointer(index);
    if (at === undefined) return undefined;
    const s = readStructPointer(this.s.message, this.s.segment, at, this.s.nestingLeft);
    return s === null ? undefined : new R(s);
  }
  /** A struct list's elements through `read`; a null pointer reads as an empty list. */
  list<T>(index: number, read: (r: R) => T): T[] {
    return this.listOrNull(index, read) ?? [];
  }
  listOrNull<T>(index: number, read: (r: R) => T): T[] | null {
    const at = this.#pointer(index);
    if (at === undefined) return null;
    const list = readListPointer(
      this.s.message,
      this.s.segment,
      at,
      this.s.nestingLeft,
      ElementSize.inlineComposite,
    );
    if (list === null) return null;
    return Array.from({ length: list.length }, (_, i) => read(new R(element(list, i))));
  }
  /** The raw bytes of a Text or Data pointer (Text without its NUL). */
  bytes(index: number, isText: boolean): Uint8Array | null {
    const at = this.#pointer(index);
    if (at === undefined) return null;
    const data = readDataPointer(this.s.message, this.s.segment, at);
    if (data === null) return null;
    return isText ? data.slice(0, Math.max(0, data.length - 1)) : data.slice();
  }
  /** The object of an AnyPointer field, flattened into its own single-segment message. */
  anyPointer(index: number): Uint8Array | null {
    const at = this.#pointer(index);
    if (at === undefined) return null;
    const view = this.s.segment.view;
    if (view.getUint32(at, true) === 0 && view.getUint32(at + 4, true) === 0) return null;
    const words = totalSize(this.s.message, this.s.segment, at, this.s.nestingLeft) + 1;
    const dst = new MessageBuilder({ firstSegmentWords: words, growHeuristically: false });
    copyPointer(dst, dst.rootSegment(), 0, this.s.message, this.s.segment, at, this.s.nestingLeft);
    return dst.toSegments()[0] as Uint8Array;
  }
}

function element(list: ListReader, i: number): StructReader {
  const at = list.elementByte(i);
  return new StructReader(
    list.message,
    list.segment,
    at,
    list.structDataBytes,
    at + list.structDataBytes,
    list.structPointerCount,
    list.nestingLeft,
  );
}

const NODE_KINDS = ['file', 'struct', 'enum', 'interface', 'const', 'annotation'] as const;
const TYPE_KINDS = [
  'void',
  'bool',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'float32',
  'float64',
  'text',
  'data',
  'list',
  'enum',
  'struct',
  'interface',
  'anyPointer',
] as const;
const UNCONSTRAINED = ['anyKind', 'struct', 'list', 'capability'] as const;

function readNode(r: R): Node {
  const common = {
    id: r.u64(0),
    displayName: r.text(0) ?? '',
    displayNamePrefixLength: r.u32(8),
    scopeId: r.u64(16),
    nestedNodes: r.listOrNull(1, (n) => ({ name: n.text(0) ?? '', id: n.u64(0) })),
    annotations: r.listOrNull(2, readAnnotation),
    parameters: r.listOrNull(5, (p) => ({ name: p.text(0) ?? '' })),
    isGeneric: r.bit(288),
  };
  const which = NODE_KINDS[r.u16(12)] ?? 'file';
  switch (which) {
    case 'struct':
      return {
        ...common,
        which,
        struct: {
          dataWordCount: r.u16(14),
          pointerCount: r.u16(24),
          preferredListEncoding: r.u16(26),
          isGroup: r.bit(224),
          discriminantCount: r.u16(30),
          discriminantOffset: r.u32(32),
          fields: r.listOrNull(3, readField),
        },
      };
    case 'enum':
      return {
        ...common,
        which,
        enum: {
          enumerants: r.list(3, (e) => ({
            name: e.text(0) ?? '',
            codeOrder: e.u16(0),
            annotations: e.listOrNull(1, readAnnotation),
          })),
        },
      };
    case 'interface':
      return {
        ...common,
        which,
        interface: {
          methods: r.list(3, readMethod),
          superclasses: r.list(4, (s) => ({ id: s.u64(0), brand: readBrand(s.struct(0)) })),
        },
      };
    case 'const': {
      const type = readType(r.struct(3));
      return { ...common, which, const: { type, value: readValue(r.struct(4)) } };
    }
    case 'annotation': {
      const targets = Object.fromEntries(
        ANNOTATION_TARGETS.map((t, i) => [t, r.bit(112 + i)]),
      ) as Record<(typeof ANNOTATION_TARGETS)[number], boolean>;
      return { ...common, which, annotation: { type: readType(r.struct(3)), targets } };
    }
    default:
      return { ...common, which: 'file' };
  }
}

function readField(f: R): Field {
  const common = {
    name: f.text(0) ?? '',
    codeOrder: f.u16(0),
    annotations: f.listOrNull(1, readAnnotation),
    discriminantValue: f.u16(2) ^ NO_DISCRIMINANT,
    ordinal: f.u16(10) === 1 ? f.u16(12) : null,
  };
  if (f.u16(8) === 1) return { ...common, which: 'group', group: { typeId: f.u64(16) } };
  return {
    ...common,
    which: 'slot',
    slot: {
      offset: f.u32(4),
      type: readType(f.struct(2)),
      defaultValue: readValue(f.struct(3)),
      hadExplicitDefault: f.bit(128),
    },
  };
}

function readMethod(m: R): Method {
  return {
    name: m.text(0) ?? '',
    codeOrder: m.u16(0),
    implicitParameters: m.list(4, (p) => ({ name: p.text(0) ?? '' })),
    paramStructType: m.u64(8),
    paramBrand: readBrand(m.struct(2)),
    resultStructType: m.u64(16),
    resultBrand: readBrand(m.struct(3)),
    annotations: m.listOrNull(1, readAnnotation),
  };
}

function readAnnotation(a: R): Annotation {
  return {
    id: a.u64(0),
    // Keys in the compiler's order: the runtime tells a reloaded node from a known one by its JSON.
    brand: readBrand(a.struct(1)) ?? { scopes: null },
    value: readValue(a.struct(0)),
  };
}

function readBrand(b: R | undefined): Brand | null {
  if (b === undefined) return null;
  return {
    scopes: b.listOrNull(0, (s): BrandScope => {
      const scopeId = s.u64(0);
      if (s.u16(8) === 1) return { scopeId, which: 'inherit' };
      return {
        scopeId,
        which: 'bind',
        bind: s.list(0, (binding) =>
          binding.u16(0) === 1
            ? { which: 'type', type: readType(binding.struct(0)) }
            : { which: 'unbound' },
        ),
      };
    }),
  };
}

function readType(t: R | undefined): Type {
  if (t === undefined) return { which: 'void' };
  const which = TYPE_KINDS[t.u16(0)] ?? 'void';
  switch (which) {
    case 'list':
      return { which, elementType: readType(t.struct(0)) };
    case 'enum':
    case 'struct':
    case 'interface':
      return { which, typeId: t.u64(8), brand: readBrand(t.struct(0)) };
    case 'anyPointer': {
      const kind = t.u16(8);
      if (kind === 1) {
        return {
          which,
          anyPointer: { which: 'parameter', scopeId: t.u64(16), parameterIndex: t.u16(10) },
        };
      }
      if (kind === 2)
        return {
          which,
          anyPointer: { which: 'implicitMethodParameter', parameterIndex: t.u16(10) },
        };
      return {
        which,
        anyPointer: { which: 'unconstrained', kind: UNCONSTRAINED[t.u16(10)] ?? 'anyKind' },
      };
    }
    default:
      return { which };
  }
}

function readValue(v: R | undefined): Value {
  if (v === undefined) return { which: 'void' };
  const which = TYPE_KINDS[v.u16(0)] ?? 'void';
  const view = v.s.segment.view;
  const d = v.s.dataByte;
  const has = (bytes: number) => bytes <= v.s.dataBytes;
  switch (which) {
    case 'bool':
      return { which, value: v.bit(16) };
    case 'int8':
      return { which, value: has(3) ? view.getInt8(d + 2) : 0 };
    case 'uint8':
      return { which, value: v.u8(2) };
    case 'int16':
      return { which, value: has(4) ? view.getInt16(d + 2, true) : 0 };
    case 'uint16':
      return { which, value: v.u16(2) };
    case 'enum':
      return { which, value: v.u16(2) };
    case 'int32':
      return { which, value: has(8) ? view.getInt32(d + 4, true) : 0 };
    case 'uint32':
      return { which, value: v.u32(4) };
    case 'float32':
      return { which, value: has(8) ? view.getFloat32(d + 4, true) : 0 };
    case 'int64':
      return { which, value: has(16) ? view.getBigInt64(d + 8, true) : 0n };
    case 'uint64':
      return { which, value: v.u64(8) };
    case 'float64':
      return { which, value: has(16) ? view.getFloat64(d + 8, true) : 0 };
    case 'text':
      return { which, value: v.bytes(0, true) };
    case 'data':
      return { which, value: v.bytes(0, false) };
    case 'list':
    case 'struct':
    case 'anyPointer':
      return { which, value: v.anyPointer(0) };
    case 'interface':
      return { which };
    default:
      return { which: 'void' };
  }
}

function readSourceInfo(s: R): SourceInfo {
  return {
    id: s.u64(0),
    docComment: s.text(0),
    members: s.listOrNull(1, (m) => ({ docComment: m.text(0) })),
  };
}
