import type { Type } from '@capnp-kit/compiler/schema';
import { C_ESCAPES } from '@capnp-kit/wire';
import { CapnpError } from '../errors.js';
import { StructBuilderBase, StructReaderBase } from '../struct-base.js';
import type { FieldInfo } from '../struct-info.js';
import { binaryToBytes, binaryToString } from './binary-string.js';
import { formatDouble, formatFloat } from './kj-number.js';
import {
  type AnyList,
  type AnyStruct,
  activeMember,
  fieldIndex,
  fieldValue,
  isFieldSet,
  isList,
  listElementType,
  readerOf,
  textElementBytes,
  textFieldBytes,
} from './struct-fields.js';

/**
 * The Cap'n Proto text format, written exactly as the reference writes it: `capnp convert
 * binary:text` (pretty) and `--short` (one line), i.e. kj's `prettyPrint()` and `kj::str()` of
 * dynamic values (stringify.c++).
 *
 * Layout rules (pretty): a struct or list whose items are all short (each at most 24 bytes, no
 * line break, and for structs at most 64 bytes together) goes on one line as `(a = 1, b = 2)`;
 * otherwise each item gets its own line, indented two spaces per level. A value on its own line
 * (the top level, or a list element) starts `( first,` on the opening line; a field's value
 * starts its first item on the next line.
 */

/** Options of {@link formatText}. */
export interface FormatTextOptions {
  /** One line, as `capnp convert --short` prints (default: pretty, several lines). */
  short: boolean;
}

/** How a value is placed by its parent (the reference's PrintMode). */
const BARE = 0;
const PREFIXED = 1;
type Mode = typeof BARE | typeof PREFIXED;

// Line-fitting limits of the reference's pretty printer, in bytes.
const MAX_INLINE_VALUE = 24;
const MAX_INLINE_RECORD = 64;

function next(indent: number): number {
  return indent === 0 ? 0 : indent + 1;
}

function fitsInline(items: readonly string[], record: boolean): boolean {
  let total = 0;
  for (const item of items) {
    if (item.length > MAX_INLINE_VALUE || item.includes('\n')) return false;
    total += item.length;
    if (record && total > MAX_INLINE_RECORD) return false;
  }
  return true;
}

function delimit(items: readonly string[], indent: number, mode: Mode, record: boolean): string {
  if (indent === 0 || fitsInline(items, record)) return items.join(', ');
  const delim = `,\n${' '.repeat(indent * 2)}`;
  return `${mode === BARE ? ' ' : delim.slice(1)}${items.join(delim)} `;
}

/**
 * Bytes in C escape form, as kj's `encodeCEscape`: `\n`-style escapes for the usual control
 * characters and quotes, three-digit octal for other control bytes and DEL; bytes above 0x7f
 * are copied for Text and escaped for Data.
 */
export function cEscape(bytes: Uint8Array, binary: boolean): string {
  let out = '';
  for (const b of bytes) {
    const named = C_ESCAPES[b];
    if (named !== undefined) out += named;
    else if (b < 0x20 || b === 0x7f || (binary && b > 0x7f)) {
      out += `\\${b >> 6}${(b >> 3) & 7}${b & 7}`;
    } else out += String.fromCharCode(b);
  }
  return out;
}

function printScalar(v: unknown, type: Type): string {
  switch (type.which) {
    case 'void':
      return 'void';
    case 'float32':
      return formatFloat(v as number);
    case 'float64':
      return formatDouble(v as number);
    case 'data':
      return `"${cEscape(v as Uint8Array, true)}"`;
    case 'enum':
      // An enumerant this schema does not know reads as its number.
      return typeof v === 'number' ? `(${v})` : (v as string);
    case 'interface':
      return '<external capability>';
    case 'anyPointer':
      return '<opaque pointer>';
    default:
      return String(v);
  }
}

function printList(list: AnyList, type: Type, indent: number, mode: Mode): string {
  const inner = next(indent);
  const items = new Array<string>(list.length);
  for (let i = 0; i < list.length; i++) {
    switch (type.which) {
      case 'text':
        items[i] = `"${cEscape(textElementBytes(list, i), false)}"`;
        break;
      case 'struct':
        items[i] = printStruct(readerOf(list.get(i) as AnyStruct), inner, BARE);
        break;
      case 'list':
        items[i] = printList(list.get(i) as AnyList, type.elementType, inner, BARE);
        break;
      case 'interface':
      case 'anyPointer':
        items[i] = printScalar(null, type);
        break;
      default:
        items[i] = printScalar(list.get(i), type);
    }
  }
  return `[${delimit(items, indent, mode, false)}]`;
}

function printField(s: StructReaderBase, f: FieldInfo, indent: number): string {
  const type = f.type;
  let text: string;
  if (type === undefined) {
    text = printStruct(fieldValue(s, f) as StructReaderBase, indent, PREFIXED);
  } else if (type.which === 'text') {
    text = `"${cEscape(textFieldBytes(s, f), false)}"`;
  } else if (type.which === 'struct') {
    text = printStruct(fieldValue(s, f) as StructReaderBase, indent, PREFIXED);
  } else if (type.which === 'list') {
    text = printList(fieldValue(s, f) as AnyList, type.elementType, indent, PREFIXED);
  } else text = printScalar(fieldValue(s, f), type);
  return `${f.name} = ${text}`;
}

function printStruct(s: StructReaderBase, indent: number, mode: Mode): string {
  const info = s.$meta.info;
  const inner = next(indent);
  const items: string[] = [];
  // The union member goes among the other fields by field index; a member that is the union's
  // first and not set (a null pointer) is left out, as the reference leaves it out.
  let member = activeMember(s, info);
  if (member !== undefined && member.discriminant === 0 && !isFieldSet(s, member)) {
    member = undefined;
  }
  const memberIndex = member === undefined ? -1 : fieldIndex(info, member);
  for (const f of info.nonUnionFields) {
    if (member !== undefined && memberIndex < fieldIndex(info, f)) {
      items.push(printField(s, member, inner));
      member = undefined;
    }
    if (isFieldSet(s, f)) items.push(printField(s, f, inner));
  }
  if (member !== undefined) items.push(printField(s, member, inner));
  return `(${delimit(items, indent, mode, true)})`;
}

/** The text form of a struct or list as a binary string (one character per byte). */
export function formatTextBinary(value: unknown, short: boolean): string {
  const indent = short ? 0 : 1;
  if (value instanceof StructReaderBase || value instanceof StructBuilderBase) {
    return printStruct(readerOf(value), indent, BARE);
  }
  if (isList(value)) {
    const type = listElementType(value);
    if (type === undefined) {
      throw new CapnpError(
        'invalid-value',
        'formatText: this list does not know its element type.',
      );
    }
    return printList(value, type, indent, BARE);
  }
  throw new CapnpError(
    'invalid-value',
    'formatText takes a struct or list reader or builder of a loaded schema.',
  );
}

/**
 * A struct or list in the Cap'n Proto text format, exactly as `capnp convert binary:text`
 * prints it (without the final newline): pretty by default, one line with `{ short: true }`.
 *
 * Every non-union field is shown (pointer fields only when set), plus the active union member
 * (unless it is the first member and a null pointer); groups and structs as `( … )`, lists as
 * `[ … ]`, Text and Data as C-escaped strings, floats as kj prints them (`0.1`, `1e-07`, `inf`,
 * `nan`), unknown enumerants as `(7)`, capabilities as `<external capability>` and AnyPointer
 * values as `<opaque pointer>`. Text that is not valid UTF-8 is decoded with U+FFFD; use
 * {@link formatTextBytes} for the reference's exact bytes.
 */
export function formatText(
  value: AnyStruct | AnyList,
  options: Partial<FormatTextOptions> = {},
): string {
  return binaryToString(formatTextBinary(value, options.short ?? false));
}

/** {@link formatText} as the exact bytes the reference writes (Text bytes copied as they are). */
export function formatTextBytes(
  value: AnyStruct | AnyList,
  options: Partial<FormatTextOptions> = {},
): Uint8Array {
  return binaryToBytes(formatTextBinary(value, options.short ?? false));
}
