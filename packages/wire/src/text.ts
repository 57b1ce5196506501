/**
 * UTF-8 for Text and Data. Schema text is mostly ASCII, so both directions try a plain loop
 * first and fall back to the platform's TextEncoder/TextDecoder only for non-ASCII input.
 */

// The WHATWG codecs exist in every runtime this package supports (browsers, Node, Deno, Bun);
// declared here so the package compiles without the DOM or Node type libraries.
declare const TextDecoder: new (label: string) => { decode(bytes: Uint8Array): string };
declare const TextEncoder: new () => {
  encode(text: string): Uint8Array;
  encodeInto(text: string, into: Uint8Array): { read: number; written: number };
};

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/** Decodes `length` UTF-8 bytes of `bytes` starting at `start` (malformed input → U+FFFD). */
export function decodeUtf8(bytes: Uint8Array, start: number, length: number): string {
  // Short ASCII strings are cheaper to build by hand than to hand to TextDecoder.
  if (length <= 32) {
    let s = '';
    for (let i = 0; i < length; i++) {
      const c = bytes[start + i] as number;
      if (c >= 0x80) return decoder.decode(bytes.subarray(start, start + length));
      s += String.fromCharCode(c);
    }
    return s;
  }
  return decoder.decode(bytes.subarray(start, start + length));
}

/** Number of bytes `text` takes in UTF-8 (lone surrogates count as U+FFFD, 3 bytes). */
export function utf8ByteLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        n += 2;
        i++;
      } else n += 2;
    } else n += 2;
  }
  return n;
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
