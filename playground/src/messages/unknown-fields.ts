import type { Node, Type } from '@capnp-kit/compiler/schema';
import type { NodeLookup } from '../layout/struct-fields.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The keys of a JSON message that name no field of its struct (at any depth), as paths
 * (`people[0].nmae`). The JSON codec skips such keys, as the reference's does, so a typo would
 * otherwise vanish without a word.
 */
export function unknownFields(json: unknown, root: Node, lookup: NodeLookup): string[] {
  const found: string[] = [];
  const visitValue = (value: unknown, type: Type, path: string, depth: number): void => {
    if (depth > 64) return;
    if (type.which === 'struct') {
      const node = lookup(type.typeId);
      if (node !== undefined) visitStruct(value, node, path, depth + 1);
    } else if (type.which === 'list' && Array.isArray(value)) {
      value.forEach((item, i) => {
        visitValue(item, type.elementType, `${path}[${i}]`, depth + 1);
      });
    }
  };
  const visitStruct = (value: unknown, node: Node, path: string, depth: number): void => {
    if (!isObject(value) || node.which !== 'struct') return;
    const fields = new Map((node.struct.fields ?? []).map((f) => [f.name, f]));
    for (const [key, item] of Object.entries(value)) {
      const where = path === '' ? key : `${path}.${key}`;
      const field = fields.get(key);
      if (field === undefined) found.push(where);
      else if (field.which === 'group') {
        const group = lookup(field.group.typeId);
        if (group !== undefined) visitStruct(item, group, where, depth + 1);
      } else visitValue(item, field.slot.type, where, depth);
    }
  };
  visitStruct(json, root, '', 0);
  return found;
}
