import { formatDouble } from '../text/kj-number.js';

/**
 * A JSON value as the reference's codec holds one between text and message (json.capnp's
 * `Value`): strings are binary strings (one character per byte) so Text bytes survive exactly,
 * objects keep their fields in order (duplicates included), numbers are doubles, and `call`
 * is the codec's `name(params…)` extension.
 */
export type JsonNode =
  | { readonly kind: 'null' }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'array'; readonly items: readonly JsonNode[] }
  | { readonly kind: 'object'; readonly fields: readonly JsonField[] }
  | { readonly kind: 'call'; readonly fn: string; readonly params: readonly JsonNode[] };

/** A member of a JSON object. */
export interface JsonField {
  readonly name: string;
  readonly value: JsonNode;
}

export const JSON_NULL: JsonNode = Object.freeze({ kind: 'null' });

const HEX = '0123456789abcdef';

/**
 * A binary string as a JSON string literal, escaped as the reference escapes it: `\"`, `\\`,
 * `\b \f \n \r \t`, `\u00XX` for other control bytes; everything else (bytes above 0x7f
 * included) copied.
 */
export function quoteJson(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 0x22:
        out += '\\"';
        break;
      case 0x5c:
        out += '\\\\';
        break;
      case 0x08:
        out += '\\b';
        break;
      case 0x0c:
        out += '\\f';
        break;
      case 0x0a:
        out += '\\n';
        break;
      case 0x0d:
        out += '\\r';
        break;
      case 0x09:
        out += '\\t';
        break;
      default:
        out += c < 0x20 ? `\\u00${HEX[c >> 4]}${HEX[c & 15]}` : s[i];
    }
  }
  return `${out}"`;
}

// Pretty printing puts every element of an array or object on its own line when there are
// several and one of them spans lines or is longer than this (bytes).
const MAX_INLINE_ELEMENT = 50;

interface Layout {
  readonly pretty: boolean;
  /** Set when the value just written spans several lines. */
  multiline: boolean;
}

function writeList(
  elements: string[],
  childMultiline: boolean,
  indent: number,
  layout: Layout,
  hasPrefix: boolean,
): string {
  if (!layout.pretty) return elements.join(',');
  let longest = 0;
  for (const e of elements) longest = Math.max(longest, e.length);
  if (elements.length > 1 && (childMultiline || longest > MAX_INLINE_ELEMENT)) {
    const space = ' '.repeat((indent + 1) * 2);
    layout.multiline = true;
    // With something before it on the first line, the first element moves to the next line.
    return `${hasPrefix ? `\n${space}` : ' '}${elements.join(`,\n${space}`)} `;
  }
  return elements.join(', ');
}

function write(node: JsonNode, indent: number, layout: Layout, hasPrefix: boolean): string {
  switch (node.kind) {
    case 'null':
      return 'null';
    case 'boolean':
      return node.value ? 'true' : 'false';
    case 'number':
      return formatDouble(node.value);
    case 'string':
      return quoteJson(node.value);
    case 'array':
    case 'call': {
      const items = node.kind === 'array' ? node.items : node.params;
      const sub = indent + (items.length > 1 ? 1 : 0);
      const child: Layout = { pretty: layout.pretty, multiline: false };
      const elements = items.map((x) => write(x, sub, child, false));
      const body = writeList(
        elements,
        child.multiline,
        indent,
        layout,
        node.kind === 'call' || hasPrefix,
      );
      return node.kind === 'array' ? `[${body}]` : `${node.fn}(${body})`;
    }
    case 'object': {
      const sub = indent + (node.fields.length > 1 ? 1 : 0);
      const child: Layout = { pretty: layout.pretty, multiline: false };
      const colon = layout.pretty ? ': ' : ':';
      const elements = node.fields.map(
        (f) => `${quoteJson(f.name)}${colon}${write(f.value, sub, child, true)}`,
      );
      return `{${writeList(elements, child.multiline, indent, layout, hasPrefix)}}`;
    }
  }
}

/**
 * A JSON value as text (a binary string), exactly as the reference's `JsonCodec::encodeRaw`
 * writes it: compact (`{"a":1,"b":[1,2]}`), or pretty, where objects and arrays stay on one line
 * (`{"a": 1, "b": [1, 2]}`) unless they have several elements and one spans lines or is longer
 * than 50 bytes; then each element gets its own line, indented two spaces per level.
 */
export function writeJson(node: JsonNode, pretty: boolean): string {
  return write(node, 0, { pretty, multiline: false }, false);
}
