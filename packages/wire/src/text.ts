/**
 * UTF-8 for Text and Data. Schema text is mostly ASCII, so both directions try a plain loop
 * first and fall back to the platform's TextEncoder/TextDecoder only for non-ASCII input.
 */

// The WHATWG codecs exist in every runtime this package supports (browsers, Node, Deno, Bun);
// declared here so the package compiles without the DOM or Node type libraries.
declare const TextDecoder: new (
  label: string,
  options: { ignoreBOM: boolean },
) => { decode(bytes: Uint8Array): string };
declare const TextEncoder: new () => {
  encode(text: string): Uint8Array;
  encodeInto(text: string, into: Uint8Array): { read: number; written: number };
};

// ignoreBOM: a Text value may begin with U+FEFF, which the decoder would otherwise drop.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();

/** Decodes `length` UTF-8 bytes of `bytes` starting at `start` (malformed input → U+FFFD). */
export function decodeUtf8(bytes: Uint8Array, start: number, length: number): string {
  // Short ASCII strings (most field values) are cheaper to build four characters at a time than
  // to hand to TextDecoder, whose per-call overhead dominates below ~50 bytes.
  if (length <= 48) {
    let s = '';
    let i = start;
    const end = start + length;
    for (; i + 4 <= end; i += 4) {
      const a = bytes[i] as number;
      const b = bytes[i + 1] as number;
      const c = bytes[i + 2] as number;
      const d = bytes[i + 3] as number;
      if ((a | b | c | d) & 0x80) return decoder.decode(bytes.subarray(start, end));
      s += String.fromCharCode(a, b, c, d);
    }
    for (; i < end; i++) {
      const a = bytes[i] as number;
      if (a & 0x80) return decoder.decode(bytes.subarray(start, end));
      s += String.fromCharCode(a);
    }
    return s;
  }
  return decoder.decode(bytes.subarray(start, start + length));
}

/** Number of bytes `text` takes in UTF-8 (lone surrogates count as U+FFFD, 3 bytes). */
export function utf8ByteLength(text: string): number {
  const n = text.length;
  // Pure ASCII (the common case) is one byte per character: one tight OR-loop decides.
  let bits = 0;
  for (let i = 0; i < n; i++) bits |= text.charCodeAt(i);
  if (bits < 0x80) return n;
  let bytes = n;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      bytes += 2;
      if (d >= 0xdc00 && d < 0xe000) i++;
    } else bytes += 2;
  }
  return bytes;
}

/**
 * Writes `text` as UTF-8 into `bytes` at `start`; the caller sized the space with
 * {@link utf8ByteLength}. Returns the number of bytes written.
 */
export function encodeUtf8Into(text: string, bytes: Uint8Array, start: number): number {
  const n = text.length;
  let i = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) break;
    bytes[start + i] = c;
  }
  if (i === n) return n;
  const { written } = encoder.encodeInto(text.slice(i), bytes.subarray(start + i));
  return i + written;
}

/** `text` as a new UTF-8 byte array. */
export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * The named C escapes of the schema language and the text format (`\n`, `\"`, …) by byte: how
 * the reference writes these bytes in string literals (other control bytes it writes in hex or
 * octal, depending on the writer).
 */
export const C_ESCAPES: Readonly<Record<number, string>> = Object.freeze({
  7: '\\a',
  8: '\\b',
  12: '\\f',
  10: '\\n',
  13: '\\r',
  9: '\\t',
  11: '\\v',
  39: "\\'",
  34: '\\"',
  92: '\\\\',
});
