import {
  adoptOrphan,
  allocateOrphan,
  copyPointer,
  ElementSize,
  encodeFrame,
  initCompositeListPointer,
  initListPointer,
  initStructPointer,
  ListBuilder,
  MessageBuilder,
  PointerKind,
  type Segment,
  type StructBuilder,
  setTextPointer,
  writeStructPointer,
} from '@capnp-kit/wire';
import {
  ANNOTATION_TARGETS,
  type Annotation,
  type Brand,
  type CodeGeneratorRequest,
  type Field,
  type Method,
  NO_DISCRIMINANT,
  type Node,
  type SourceInfo,
  type Type,
  type Value,
} from './model.js';
import { valueMessage } from './value-message.js';

/**
 * Encodes a CodeGeneratorRequest exactly as `capnp compile -o-` does: same struct sizes, same
 * allocation sequence (root, version, nodes deep-copied in pre-order, source infos as an orphan
 * adopted into the root, requested files with their import tables as orphans), so that the
 * reference builder's segment sizes, far pointers and landing pads come out identical.
 */
export function encodeRequest(request: CodeGeneratorRequest): Uint8Array {
  const message = new MessageBuilder();
  const root = message.initRoot(0, 4);
  const version = initStructPointer(message, root.segment, root.pointerByte + 16, 1, 0);
  version.segment.view.setUint16(version.dataByte, request.capnpVersion.major, true);
  version.segment.view.setUint8(version.dataByte + 2, request.capnpVersion.minor);
  version.segment.view.setUint8(version.dataByte + 3, request.capnpVersion.micro);

  const nodes = initCompositeListPointer(
    message,
    root.segment,
    root.pointerByte,
    request.nodes.length,
    5,
    6,
  );
  request.nodes.forEach((node, i) => {
    writeNode(nodes.structElement(i), node);
  });

  const infos = orphanList(message, request.sourceInfo.length, 1, 2);
  request.sourceInfo.forEach((info, i) => {
    writeSourceInfo(infos.structElement(i), info);
  });
  adoptList(message, root.segment, root.pointerByte + 24, infos);

  const files = initCompositeListPointer(
    message,
    root.segment,
    root.pointerByte + 8,
    request.requestedFiles.length,
    1,
    2,
  );
  request.requestedFiles.forEach((file, i) => {
    const b = files.structElement(i);
    b.segment.view.setBigUint64(b.dataByte, file.id, true);
    setTextPointer(message, b.segment, b.pointerByte, file.filename);
    const imports = orphanList(message, file.imports.length, 1, 1);
    file.imports.forEach((imp, k) => {
      const e = imports.structElement(k);
      e.segment.view.setBigUint64(e.dataByte, imp.id, true);
      setTextPointer(message, e.segment, e.pointerByte, imp.name);
    });
    adoptList(message, b.segment, b.pointerByte + 8, imports);
  });
  return encodeFrame(message.toSegments());
}

/** An inline-composite list allocated as an orphan (not yet referenced by any pointer). */
function orphanList(
  message: MessageBuilder,
  length: number,
  dataWords: number,
  pointers: number,
): ListBuilder {
  const words = length * (dataWords + pointers);
  const segment = allocateOrphan(message, words + 1);
  const start = (segment.used - words - 1) * 8;
  writeStructPointer(segment.view, start, length, dataWords, pointers);
  return new ListBuilder(
    message,
    segment,
    start + 8,
    length,
    ElementSize.inlineComposite,
    (dataWords + pointers) * 64,
    dataWords * 8,
    pointers,
  );
}

function adoptList(
  message: MessageBuilder,
  segment: Segment,
  byte: number,
  list: ListBuilder,
): void {
  const words = list.length * (list.stepBits / 64);
  adoptOrphan(
    message,
    segment,
    byte,
    list.segment,
    list.byte / 8 - 1,
    PointerKind.list,
    (ElementSize.inlineComposite | (words << 3)) >>> 0,
  );
}

function text(b: StructBuilder, index: number, value: string | null): void {
  if (value !== null) setTextPointer(b.message, b.segment, b.pointerByte + index * 8, value);
}

function structList<T>(
  b: StructBuilder,
  index: number,
  items: readonly T[] | null,
  dataWords: number,
  pointers: number,
  write: (e: StructBuilder, item: T) => void,
): void {
  if (items === null) return;
  const list = initCompositeListPointer(
    b.message,
    b.segment,
    b.pointerByte + index * 8,
    items.length,
    dataWords,
    pointers,
  );
  items.forEach((item, i) => {
    write(list.structElement(i), item);
  });
}

function struct(
  b: StructBuilder,
  index: number,
  dataWords: number,
  pointers: number,
  write: (s: StructBuilder) => void,
): void {
  write(initStructPointer(b.message, b.segment, b.pointerByte + index * 8, dataWords, pointers));
}

const NODE_WHICH = { file: 0, struct: 1, enum: 2, interface: 3, const: 4, annotation: 5 } as const;

function writeNode(b: StructBuilder, node: Node): void {
  const v = b.segment.view;
  const d = b.dataByte;
  v.setBigUint64(d, node.id, true);
  v.setUint32(d + 8, node.displayNamePrefixLength, true);
  v.setUint16(d + 12, NODE_WHICH[node.which], true);
  v.setBigUint64(d + 16, node.scopeId, true);
  if (node.isGeneric) b.segment.bytes[d + 36] = (b.segment.bytes[d + 36] as number) | 1;
  switch (node.which) {
    case 'struct': {
      const s = node.struct;
      v.setUint16(d + 14, s.dataWordCount, true);
      v.setUint16(d + 24, s.pointerCount, true);
      v.setUint16(d + 26, s.preferredListEncoding, true);
      if (s.isGroup) b.segment.bytes[d + 28] = (b.segment.bytes[d + 28] as number) | 1;
      v.setUint16(d + 30, s.discriminantCount, true);
      v.setUint32(d + 32, s.discriminantOffset, true);
      break;
    }
    case 'annotation':
      ANNOTATION_TARGETS.forEach((t, i) => {
        if (node.annotation.targets[t]) {
          const bit = 112 + i;
          b.segment.bytes[d + (bit >>> 3)] =
            (b.segment.bytes[d + (bit >>> 3)] as number) | (1 << (bit & 7));
        }
      });
      break;
    default:
      break;
  }
  // Pointers, in index order (pre-order deep copy).
  text(b, 0, node.displayName);
  structList(b, 1, node.nestedNodes, 1, 1, (e, n) => {
    e.segment.view.setBigUint64(e.dataByte, n.id, true);
    text(e, 0, n.name);
  });
  structList(b, 2, node.annotations, 1, 2, writeAnnotation);
  switch (node.which) {
    case 'struct':
      structList(b, 3, node.struct.fields, 3, 4, writeField);
      break;
    case 'enum':
      structList(b, 3, node.enum.enumerants, 1, 2, (e, en) => {
        e.segment.view.setUint16(e.dataByte, en.codeOrder, true);
        text(e, 0, en.name);
        structList(e, 1, en.annotations, 1, 2, writeAnnotation);
      });
      break;
    case 'interface':
      structList(b, 3, node.interface.methods, 3, 5, writeMethod);
      structList(b, 4, node.interface.superclasses, 1, 1, (e, s) => {
        e.segment.view.setBigUint64(e.dataByte, s.id, true);
        brand(e, 0, s.brand);
      });
      break;
    case 'const':
      struct(b, 3, 3, 1, (t) => writeType(t, node.const.type));
      struct(b, 4, 2, 1, (t) => writeValue(t, node.const.value));
      break;
    case 'annotation':
      struct(b, 3, 3, 1, (t) => writeType(t, node.annotation.type));
      break;
    default:
      break;
  }
  structList(b, 5, node.parameters, 0, 1, (e, p) => text(e, 0, p.name));
}

function writeAnnotation(e: StructBuilder, a: Annotation): void {
  e.segment.view.setBigUint64(e.dataByte, a.id, true);
  struct(e, 0, 2, 1, (v) => writeValue(v, a.value));
  brand(e, 1, a.brand);
}

function writeField(e: StructBuilder, f: Field): void {
  const v = e.segment.view;
  const d = e.dataByte;
  v.setUint16(d, f.codeOrder, true);
  v.setUint16(d + 2, f.discriminantValue ^ NO_DISCRIMINANT, true);
  if (f.ordinal !== null) {
    v.setUint16(d + 10, 1, true);
    v.setUint16(d + 12, f.ordinal, true);
  }
  if (f.which === 'group') {
    v.setUint16(d + 8, 1, true);
    v.setBigUint64(d + 16, f.group.typeId, true);
  } else {
    v.setUint32(d + 4, f.slot.offset, true);
    if (f.slot.hadExplicitDefault)
      e.segment.bytes[d + 16] = (e.segment.bytes[d + 16] as number) | 1;
  }
  text(e, 0, f.name);
  structList(e, 1, f.annotations, 1, 2, writeAnnotation);
  if (f.which === 'slot') {
    struct(e, 2, 3, 1, (t) => writeType(t, f.slot.type));
    struct(e, 3, 2, 1, (t) => writeValue(t, f.slot.defaultValue));
  }
}

function writeMethod(e: StructBuilder, m: Method): void {
  const v = e.segment.view;
  v.setUint16(e.dataByte, m.codeOrder, true);
  v.setBigUint64(e.dataByte + 8, m.paramStructType, true);
  v.setBigUint64(e.dataByte + 16, m.resultStructType, true);
  text(e, 0, m.name);
  structList(e, 1, m.annotations, 1, 2, writeAnnotation);
  brand(e, 2, m.paramBrand);
  brand(e, 3, m.resultBrand);
  structList(e, 4, m.implicitParameters, 0, 1, (p, param) => text(p, 0, param.name));
}

function brand(b: StructBuilder, index: number, value: Brand | null): void {
  if (value === null) return;
  struct(b, index, 0, 1, (s) => {
    structList(s, 0, value.scopes, 2, 1, (e, scope) => {
      e.segment.view.setBigUint64(e.dataByte, scope.scopeId, true);
      if (scope.which === 'inherit') e.segment.view.setUint16(e.dataByte + 8, 1, true);
      else {
        structList(e, 0, scope.bind, 1, 1, (be, binding) => {
          if (binding.which === 'type') {
            be.segment.view.setUint16(be.dataByte, 1, true);
            struct(be, 0, 3, 1, (t) => writeType(t, binding.type));
          }
        });
      }
    });
  });
}

const TYPE_WHICH: Record<Type['which'], number> = {
  void: 0,
  bool: 1,
  int8: 2,
  int16: 3,
  int32: 4,
  int64: 5,
  uint8: 6,
  uint16: 7,
  uint32: 8,
  uint64: 9,
  float32: 10,
  float64: 11,
  text: 12,
  data: 13,
  list: 14,
  enum: 15,
  struct: 16,
  interface: 17,
  anyPointer: 18,
};

const UNCONSTRAINED = { anyKind: 0, struct: 1, list: 2, capability: 3 } as const;

function writeType(b: StructBuilder, type: Type): void {
  const v = b.segment.view;
  const d = b.dataByte;
  v.setUint16(d, TYPE_WHICH[type.which], true);
  switch (type.which) {
    case 'list':
      struct(b, 0, 3, 1, (t) => writeType(t, type.elementType));
      break;
    case 'enum':
    case 'struct':
    case 'interface':
      v.setBigUint64(d + 8, type.typeId, true);
      brand(b, 0, type.brand);
      break;
    case 'anyPointer': {
      const ap = type.anyPointer;
      if (ap.which === 'unconstrained') v.setUint16(d + 10, UNCONSTRAINED[ap.kind], true);
      else if (ap.which === 'parameter') {
        v.setUint16(d + 8, 1, true);
        v.setBigUint64(d + 16, ap.scopeId, true);
        v.setUint16(d + 10, ap.parameterIndex, true);
      } else {
        v.setUint16(d + 8, 2, true);
        v.setUint16(d + 10, ap.parameterIndex, true);
      }
      break;
    }
    default:
      break;
  }
}

function writeValue(b: StructBuilder, value: Value): void {
  const v = b.segment.view;
  const d = b.dataByte;
  v.setUint16(d, TYPE_WHICH[value.which], true);
  switch (value.which) {
    case 'bool':
      if (value.value) b.segment.bytes[d + 2] = 1;
      break;
    case 'int8':
      v.setInt8(d + 2, value.value);
      break;
    case 'uint8':
      v.setUint8(d + 2, value.value);
      break;
    case 'int16':
      v.setInt16(d + 2, value.value, true);
      break;
    case 'uint16':
    case 'enum':
      v.setUint16(d + 2, value.value, true);
      break;
    case 'int32':
      v.setInt32(d + 4, value.value, true);
      break;
    case 'uint32':
      v.setUint32(d + 4, value.value, true);
      break;
    case 'float32':
      v.setFloat32(d + 4, value.value, true);
      break;
    case 'int64':
      v.setBigInt64(d + 8, value.value, true);
      break;
    case 'uint64':
      v.setBigUint64(d + 8, value.value, true);
      break;
    case 'float64':
      v.setFloat64(d + 8, value.value, true);
      break;
    case 'text':
      if (value.value !== null) {
        const list = initListPointer(
          b.message,
          b.segment,
          b.pointerByte,
          ElementSize.byte,
          value.value.length + 1,
        );
        list.segment.bytes.set(value.value, list.byte);
      }
      break;
    case 'data':
      if (value.value !== null) {
        const list = initListPointer(
          b.message,
          b.segment,
          b.pointerByte,
          ElementSize.byte,
          value.value.length,
        );
        list.segment.bytes.set(value.value, list.byte);
      }
      break;
    case 'list':
    case 'struct':
    case 'anyPointer':
      if (value.value !== null) {
        const src = valueMessage(value.value);
        copyPointer(b.message, b.segment, b.pointerByte, src, src.segments[0] as Segment, 0);
      }
      break;
    default:
      break;
  }
}

function writeSourceInfo(e: StructBuilder, info: SourceInfo): void {
  e.segment.view.setBigUint64(e.dataByte, info.id, true);
  text(e, 0, info.docComment);
  structList(e, 1, info.members, 0, 1, (m, member) => text(m, 0, member.docComment));
}
