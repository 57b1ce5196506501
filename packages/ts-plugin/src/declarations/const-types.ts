import { type Node, substitute } from '@capnp-kit/compiler/schema';
import { decodeUtf8 } from '@capnp-kit/wire';
import { stringLiteral } from './identifiers.js';
import type { At, TypeWriter } from './type-writer.js';

/**
 * The type of a constant's value as the runtime gives it (module-object.ts: `constValue`):
 * a literal type for Void, Bool, numbers, Text and enums, the reader type for structs and lists.
 */
export function constType(w: TypeWriter, node: Node & { which: 'const' }, at: At): string {
  const { type, value } = node.const;
  switch (value.which) {
    case 'void':
      return 'null';
    case 'bool':
      return value.value ? 'true' : 'false';
    case 'int8':
    case 'int16':
    case 'int32':
    case 'uint8':
    case 'uint16':
    case 'uint32':
      return String(value.value);
    case 'int64':
    case 'uint64':
      return `${value.value}n`;
    case 'float32':
    case 'float64':
      // NaN and the infinities have no literal type; -0 would read as 0.
      return Number.isFinite(value.value) && !Object.is(value.value, -0)
        ? String(value.value)
        : 'number';
    case 'enum': {
      const t = substitute(type, null);
      const enumNode = t.which === 'enum' ? w.index.nodes.get(t.typeId) : undefined;
      const name =
        enumNode?.which === 'enum' ? enumNode.enum.enumerants[value.value]?.name : undefined;
      return name === undefined ? String(value.value) : stringLiteral(name);
    }
    case 'text':
      return stringLiteral(
        value.value === null ? '' : decodeUtf8(value.value, 0, value.value.length),
      );
    case 'data':
      return w.index.global('Uint8Array');
    case 'struct':
    case 'list':
      return w.type(type, 'reader', at);
    case 'anyPointer':
      return '$.AnyReader | null';
    default:
      return 'null';
  }
}
