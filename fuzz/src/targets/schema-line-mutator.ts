import type { Rng } from '../engine/rng.js';

/**
 * Mutation of schema files a declaration line at a time. Declarations in the corpus are one per
 * line, so these edits mostly keep a file parseable and reach the compiler's later stages —
 * names, ordinals, layout, types, default values, generics — where token edits mostly produce
 * syntax errors.
 */

const TYPES = [
  'Void',
  'Bool',
  'Int8',
  'Int16',
  'Int32',
  'Int64',
  'UInt8',
  'UInt16',
  'UInt32',
  'UInt64',
  'Float32',
  'Float64',
  'Text',
  'Data',
  'AnyPointer',
  'AnyStruct',
  'AnyList',
  'Capability',
  'List(Int32)',
  'List(Text)',
  'List(List(Bool))',
  'List(AnyPointer)',
  'T',
  'Box(Text)',
];
const ORDINALS = ['0', '1', '2', '3', '7', '15', '16', '31', '64', '65534', '65535', '65536'];
const DEFAULTS = [
  '0',
  '-1',
  '1.5',
  'inf',
  '-nan',
  '0x7fffffffffffffff',
  '-9223372036854775809',
  '"x"',
  '0x"ff"',
  '[]',
  '[1, 2]',
  '()',
  '(a = 1)',
  'void',
  'true',
  '.nosuch',
  'red',
];

const TYPE_NAME = /:\s*([A-Z][\w.]*(?:\([^)]*\))?)/;

/** One line-level edit of a schema's text. */
export function mutateSchemaLines(text: string, rng: Rng): string {
  const lines = text.split('\n');
  const i = rng.below(lines.length);
  const line = lines[i] as string;
  switch (rng.below(6)) {
    case 0:
      lines.splice(i, 1);
      break;
    case 1:
      // The same declaration twice: duplicate names and ordinals.
      lines.splice(i, 0, line);
      break;
    case 2: {
      const j = rng.below(lines.length);
      lines[i] = lines[j] as string;
      lines[j] = line;
      break;
    }
    case 3:
      lines[i] = line.replace(TYPE_NAME, `:${rng.pick(TYPES)}`);
      break;
    case 4:
      lines[i] = line.replace(/@\d+/, `@${rng.pick(ORDINALS)}`);
      break;
    default:
      lines[i] = / = [^;]*;/.test(line)
        ? line.replace(/ = [^;]*;/, ` = ${rng.pick(DEFAULTS)};`)
        : line.replace(/;\s*$/, ` = ${rng.pick(DEFAULTS)};`);
  }
  return lines.join('\n');
}
