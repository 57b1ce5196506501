/**
 * The little UTF-8 the front end needs: string literals are byte strings in the reference (an
 * escape like `\xff` yields a byte, not a character), so the lexer builds bytes and decodes them.
 */

// The WHATWG codec exists in every runtime the compiler supports (browsers, Node, Deno, Bun);
// declared here so the package compiles without the DOM or Node type libraries.
declare const TextDecoder: new (
  label: string,
  options: { ignoreBOM: boolean },
) => { decode(bytes: Uint8Array): string };

let decoder: { decode(bytes: Uint8Array): string } | undefined;

/** Decodes UTF-8 bytes; malformed sequences become U+FFFD. Short ASCII takes a plain loop. */
export function decodeUtf8(bytes: Uint8Array): string {
  // Building a string a character at a time only pays for short ones.
  if (bytes.length <= 64) {
    let s = '';
    let ascii = true;
    for (let i = 0; i < bytes.length && ascii; i++) {
      const b = bytes[i] as number;
      if (b >= 0x80) ascii = false;
      else s += String.fromCharCode(b);
    }
    if (ascii) return s;
  }
  // ignoreBOM: a literal may begin with U+FEFF, which the decoder would otherwise drop.
  decoder ??= new TextDecoder('utf-8', { ignoreBOM: true });
  return decoder.decode(bytes);
}

/**
 * Appends the UTF-8 encoding of `text[start, end)` to `out` at `at`; returns the new end. `out`
 * must have room for 3 bytes per UTF-16 unit. A lone surrogate is written as U+FFFD.
 */
export function writeUtf8(
  text: string,
  start: number,
  end: number,
  out: Uint8Array,
  at: number,
): number {
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[at++] = c;
    } else if (c < 0x800) {
      out[at++] = 0xc0 | (c >> 6);
      out[at++] = 0x80 | (c & 0x3f);
    } else {
      if (c >= 0xd800 && c < 0xe000) {
        const d = i + 1 < end ? text.charCodeAt(i + 1) : 0;
        if (c < 0xdc00 && d >= 0xdc00 && d < 0xe000) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          out[at++] = 0xf0 | (cp >> 18);
          out[at++] = 0x80 | ((cp >> 12) & 0x3f);
          out[at++] = 0x80 | ((cp >> 6) & 0x3f);
          out[at++] = 0x80 | (cp & 0x3f);
          i++;
          continue;
        }
        c = 0xfffd;
      }
      out[at++] = 0xe0 | (c >> 12);
      out[at++] = 0x80 | ((c >> 6) & 0x3f);
      out[at++] = 0x80 | (c & 0x3f);
    }
  }
  return at;
}
