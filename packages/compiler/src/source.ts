/**
 * A schema file's text plus what is needed to turn offsets into reference-style positions.
 *
 * Offsets are UTF-16 code-unit indexes into `text` (what editors use). The reference compiler
 * counts columns in UTF-8 bytes, so {@link SourceFile.position} converts when a position is
 * printed.
 */
export class SourceFile {
  /** Offsets at which each line starts; line 0 starts at 0. */
  readonly #lineStarts: number[];

  /**
   * @param name the display name: what diagnostics print and what `displayName` of the file
   *   node holds (e.g. `capnp/c++.capnp`, `foo/bar.capnp`).
   * @param text the file's content, already decoded from UTF-8.
   */
  constructor(
    readonly name: string,
    readonly text: string,
  ) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.#lineStarts = starts;
  }

  /** Zero-based line of `offset`. */
  line(offset: number): number {
    const starts = this.#lineStarts;
    let lo = 0;
    let hi = starts.length;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid] as number) > offset) hi = mid;
      else lo = mid;
    }
    return lo;
  }

  /** Zero-based line and UTF-8 byte column of `offset`, as the reference reports them. */
  position(offset: number): { line: number; column: number } {
    const line = this.line(offset);
    const lineStart = this.#lineStarts[line] as number;
    return { line, column: utf8Length(this.text, lineStart, offset) };
  }
}

/** Number of UTF-8 bytes encoding `text.slice(start, end)`. */
export function utf8Length(text: string, start = 0, end = text.length): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < end) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
