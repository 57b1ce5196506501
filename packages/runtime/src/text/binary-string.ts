import { decodeUtf8, encodeUtf8 } from '@capnp-kit/wire';

/**
 * The text and JSON writers build their output as a "binary string": one character per byte
 * (0–255). Text values are copied byte for byte, as the reference copies them (even when they
 * are not valid UTF-8), and line-fitting decisions count bytes, as the reference's do. The
 * result becomes a JavaScript string (UTF-8 decoded) or the exact bytes at the very end.
 */

/** Bytes as a binary string. */
export function bytesToBinary(bytes: Uint8Array): string {
  let out = '';
  // fromCharCode in chunks: one call per byte is slow, one call for everything overflows the stack.
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode.apply(
      null,
      bytes.subarray(i, Math.min(i + 8192, bytes.length)) as unknown as number[],
    );
  }
  return out;
}

/** A binary string's bytes. */
export function binaryToBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** A binary string read as UTF-8 (malformed sequences become U+FFFD). */
export function binaryToString(s: string): string {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) {
      const bytes = binaryToBytes(s);
      return decodeUtf8(bytes, 0, bytes.length);
    }
  }
  return s;
}

/** A JavaScript string as the binary string of its UTF-8 bytes. */
export function stringToBinary(s: string): string {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) return bytesToBinary(encodeUtf8(s));
  }
  return s;
}
