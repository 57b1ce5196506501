import { type Node, type Type, typeName } from '@capnp-kit/compiler/schema';
import {
  bitsOf,
  formatBits,
  formatDataField,
  isPointerType,
  type NodeLookup,
  structLayout,
} from './struct-fields.js';

/** What a word of a message holds, for colouring. */
export type WordKind =
  | 'table'
  | 'pointer'
  | 'far'
  | 'tag'
  | 'data'
  | 'text'
  | 'bytes'
  | 'null'
  | 'unused';

/** One 8-byte row of the dump (the last may be shorter if the input is not whole words). */
export interface DumpRow {
  /** Byte offset in the input. */
  readonly offset: number;
  readonly bytes: Uint8Array;
  /** `table`, or `segment:word`. */
  readonly where: string;
  readonly kind: WordKind;
  readonly note: string;
}

/** The annotated layout of one framed message. */
export interface LayoutDump {
  readonly rows: readonly DumpRow[];
  readonly segmentWords: readonly number[];
  /** What did not add up (out-of-bounds pointers, a truncated table…); empty for a sound message. */
  readonly problems: readonly string[];
}

/** The root's expected type, when the message's schema is known. */
export interface DumpSchema {
  readonly root: Node;
  readonly lookup: NodeLookup;
}

/** What the walker expects a pointer to point at, from the schema (or nothing known). */
type Expect =
  | { readonly kind: 'struct'; readonly node: Node | undefined }
  | { readonly kind: 'list'; readonly element: Type | undefined }
  | { readonly kind: 'text' | 'data' | 'cap' | 'unknown' };

const UNKNOWN: Expect = { kind: 'unknown' };

const ELEMENT_SIZES = ['void', 'bit', 'byte', '2-byte', '4-byte', '8-byte', 'pointer', 'composite'];
const ELEMENT_BITS = [0, 1, 8, 16, 32, 64, 64];

// Limits that keep a hostile upload from hanging the page: the reference's default nesting limit,
// and a cap on the words visited (a message can point at the same words many times).
const MAX_DEPTH = 64;
const MAX_VISITS = 200_000;
const MAX_TEXT_SHOWN = 48;

function expectOf(type: Type, lookup: NodeLookup): Expect {
  switch (type.which) {
    case 'text':
      return { kind: 'text' };
    case 'data':
      return { kind: 'data' };
    case 'list':
      return { kind: 'list', element: type.elementType };
    case 'struct':
      return { kind: 'struct', node: lookup(type.typeId) };
    case 'interface':
      return { kind: 'cap' };
    default:
      return UNKNOWN;
  }
}

function signed30(a: number): number {
  return (a | 0) >> 2;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function quoteText(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const shown = text.length > MAX_TEXT_SHOWN ? `${text.slice(0, MAX_TEXT_SHOWN)}…` : text;
  return JSON.stringify(shown);
}

/**
 * Walks a message in the standard framing (segment table, then segments) and annotates each
 * word: the table's counts, each pointer decoded (struct, list, far and capability pointers,
 * with offsets and sizes), tags of composite lists, and what the data words hold — field values
 * by name when `schema` gives the root's type. Words nothing points at are marked unused. The
 * walk is bounded, so malformed input yields problems, never a hang.
 */
export function dumpMessage(bytes: Uint8Array, schema?: DumpSchema): LayoutDump {
  return new Walker(bytes, schema).run();
}

class Walker {
  readonly #bytes: Uint8Array;
  readonly #view: DataView;
  readonly #lookup: NodeLookup;
  readonly #root: Node | undefined;
  readonly #problems: string[] = [];
  readonly #notes: { kind: WordKind; note: string }[][] = [];
  #segStarts: number[] = [];
  #segWords: number[] = [];
  #tableBytes = 0;
  #visits = 0;

  constructor(bytes: Uint8Array, schema: DumpSchema | undefined) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#lookup = schema?.lookup ?? (() => undefined);
    this.#root = schema?.root;
  }

  run(): LayoutDump {
    const tableRows = this.#readTable();
    if (this.#segWords.length > 0 && (this.#segWords[0] as number) > 0) {
      this.#pointer(0, 0, 'root', { kind: 'struct', node: this.#root }, 0);
    } else if (this.#segWords.length > 0) {
      this.#problems.push('The first segment is empty: the message has no root pointer.');
    }
    return {
      rows: [...tableRows, ...this.#segmentRows()],
      segmentWords: this.#segWords,
      problems: this.#problems,
    };
  }

  // The segment table: u32 count − 1, then a u32 size per segment, padded to a whole word.
  #readTable(): DumpRow[] {
    const length = this.#bytes.length;
    if (length < 8) {
      this.#problems.push(`The input is ${plural(length, 'byte')}; a message needs at least 8.`);
      return length === 0
        ? []
        : [this.#row(0, length, 'table', 'table', 'truncated segment table')];
    }
    const count = this.#view.getUint32(0, true) + 1;
    const tableBytes = (4 + 4 * count + 7) & ~7;
    if (count > 512 || tableBytes > length) {
      this.#problems.push(`The segment table claims ${count} segments, more than the input holds.`);
      return [this.#row(0, 8, 'table', 'table', `segment count ${count} (not plausible)`)];
    }
    this.#tableBytes = tableBytes;
    let at = tableBytes;
    for (let i = 0; i < count; i++) {
      const words = this.#view.getUint32(4 + 4 * i, true);
      const available = Math.max(0, Math.floor((length - at) / 8));
      if (words > available)
        this.#problems.push(
          `Segment ${i} claims ${plural(words, 'word')}; only ${available} remain.`,
        );
      const kept = Math.min(words, available);
      this.#segStarts.push(at);
      this.#segWords.push(kept);
      this.#notes.push([]);
      at += kept * 8;
    }
    const rows: DumpRow[] = [];
    for (let w = 0; w < tableBytes / 8; w++) {
      const parts: string[] = [];
      for (let slot = w * 2; slot < w * 2 + 2; slot++) {
        if (slot === 0) parts.push(`${plural(count, 'segment')}`);
        else if (slot <= count)
          parts.push(
            `segment ${slot - 1}: ${plural(this.#view.getUint32(slot * 4, true), 'word')}`,
          );
        else parts.push('padding');
      }
      rows.push(this.#row(w * 8, 8, 'table', 'table', parts.join(' · ')));
    }
    return rows;
  }

  #segmentRows(): DumpRow[] {
    const rows: DumpRow[] = [];
    for (let s = 0; s < this.#segWords.length; s++) {
      const notes = this.#notes[s] as { kind: WordKind; note: string }[];
      for (let w = 0; w < (this.#segWords[s] as number); w++) {
        const offset = (this.#segStarts[s] as number) + w * 8;
        const known = notes[w];
        const zero = this.#view.getBigUint64(offset, true) === 0n;
        rows.push(
          this.#row(
            offset,
            8,
            `${s}:${w}`,
            known?.kind ?? 'unused',
            known?.note ?? (zero ? 'unused (zero)' : 'unreachable: no pointer leads here'),
          ),
        );
      }
    }
    const end =
      this.#segStarts.length > 0
        ? (this.#segStarts.at(-1) as number) + (this.#segWords.at(-1) as number) * 8
        : this.#tableBytes;
    if (end < this.#bytes.length) {
      this.#problems.push(`${plural(this.#bytes.length - end, 'byte')} follow the message.`);
      for (let at = end; at < this.#bytes.length; at += 8)
        rows.push(
          this.#row(
            at,
            Math.min(8, this.#bytes.length - at),
            'after',
            'unused',
            'after the message',
          ),
        );
    }
    return rows;
  }

  #row(offset: number, size: number, where: string, kind: WordKind, note: string): DumpRow {
    return { offset, bytes: this.#bytes.subarray(offset, offset + size), where, kind, note };
  }

  #inBounds(seg: number, word: number, words = 1): boolean {
    const size = this.#segWords[seg];
    return size !== undefined && word >= 0 && words >= 0 && word + words <= size;
  }

  #at(seg: number, word: number): number {
    return (this.#segStarts[seg] as number) + word * 8;
  }

  /** Annotates a word once; false if it already was (shared or looping pointers). */
  #note(seg: number, word: number, kind: WordKind, note: string): boolean {
    const notes = this.#notes[seg] as { kind: WordKind; note: string }[];
    if (notes[word] !== undefined) return false;
    notes[word] = { kind, note };
    return true;
  }

  #pointer(seg: number, word: number, label: string, expect: Expect, depth: number): void {
    if (++this.#visits > MAX_VISITS || depth > MAX_DEPTH) {
      if (this.#visits === MAX_VISITS + 1 || depth === MAX_DEPTH + 1)
        this.#problems.push('The message nests too deeply or is too large to annotate fully.');
      return;
    }
    const at = this.#at(seg, word);
    const a = this.#view.getUint32(at, true);
    const b = this.#view.getUint32(at + 4, true);
    if (a === 0 && b === 0) {
      this.#note(seg, word, 'null', `${label}: null pointer`);
      return;
    }
    const kind = a & 3;
    if (kind === 2) {
      this.#far(seg, word, a, b, label, expect, depth);
      return;
    }
    if (kind === 3) {
      const note = a >>> 2 === 0 ? `${label}: capability #${b}` : `${label}: reserved pointer kind`;
      this.#note(seg, word, 'pointer', note);
      return;
    }
    const offset = signed30(a);
    const target = word + 1 + offset;
    const shown = `${offset >= 0 ? '+' : ''}${offset}`;
    if (kind === 0) {
      const data = b & 0xffff;
      const ptrs = b >>> 16;
      this.#note(
        seg,
        word,
        'pointer',
        `${label}: struct pointer ${shown} → ${seg}:${target} (${plural(data, 'data word')}, ${plural(ptrs, 'pointer')})`,
      );
      this.#struct(seg, target, data, ptrs, label, expect, depth);
      return;
    }
    const size = b & 7;
    const count = b >>> 3;
    const what =
      size === 7 ? `composite, ${plural(count, 'word')}` : `${count} × ${ELEMENT_SIZES[size]}`;
    this.#note(
      seg,
      word,
      'pointer',
      `${label}: list pointer ${shown} → ${seg}:${target} (${what})`,
    );
    this.#list(seg, target, size, count, label, expect, depth);
  }

  // Far pointer: the object is in another segment, reached through a landing pad there.
  #far(
    seg: number,
    word: number,
    a: number,
    b: number,
    label: string,
    expect: Expect,
    depth: number,
  ): void {
    const double = (a >>> 2) & 1;
    const pad = a >>> 3;
    this.#note(
      seg,
      word,
      'far',
      `${label}: ${double ? 'double-far' : 'far'} pointer → landing pad at ${b}:${pad}`,
    );
    if (!this.#inBounds(b, pad, double ? 2 : 1)) {
      this.#problems.push(`${label}: far pointer to ${b}:${pad} is out of bounds.`);
      return;
    }
    if (!double) {
      this.#pointer(b, pad, `${label} (landing pad)`, expect, depth + 1);
      return;
    }
    // Double-far: the pad is a far pointer to the object's start plus a tag giving its size.
    const padAt = this.#at(b, pad);
    const contentA = this.#view.getUint32(padAt, true);
    const contentSeg = this.#view.getUint32(padAt + 4, true);
    const start = contentA >>> 3;
    this.#note(b, pad, 'far', `${label} (landing pad): object starts at ${contentSeg}:${start}`);
    const tagA = this.#view.getUint32(padAt + 8, true);
    const tagB = this.#view.getUint32(padAt + 12, true);
    if ((tagA & 3) === 0) {
      const data = tagB & 0xffff;
      const ptrs = tagB >>> 16;
      this.#note(
        b,
        pad + 1,
        'tag',
        `${label} (landing pad tag): struct, ${plural(data, 'data word')}, ${plural(ptrs, 'pointer')}`,
      );
      this.#struct(contentSeg, start, data, ptrs, label, expect, depth);
    } else {
      const size = tagB & 7;
      const count = tagB >>> 3;
      this.#note(
        b,
        pad + 1,
        'tag',
        `${label} (landing pad tag): list, ${plural(count, size === 7 ? 'word' : 'element')} × ${ELEMENT_SIZES[size]}`,
      );
      this.#list(contentSeg, start, size, count, label, expect, depth);
    }
  }

  #struct(
    seg: number,
    start: number,
    data: number,
    ptrs: number,
    label: string,
    expect: Expect,
    depth: number,
  ): void {
    if (!this.#inBounds(seg, start, data + ptrs)) {
      this.#problems.push(
        `${label}: struct at ${seg}:${start} (${data + ptrs} words) is out of bounds.`,
      );
      return;
    }
    const node = expect.kind === 'struct' ? expect.node : undefined;
    const dataBytes = this.#bytes.subarray(this.#at(seg, start), this.#at(seg, start) + data * 8);
    const layout =
      node === undefined
        ? undefined
        : structLayout(node, this.#lookup, (offset16) =>
            offset16 * 2 + 2 <= dataBytes.length
              ? (dataBytes[offset16 * 2] as number) | ((dataBytes[offset16 * 2 + 1] as number) << 8)
              : 0,
          );
    const name =
      node === undefined ? '' : ` (${node.displayName.slice(node.displayNamePrefixLength)})`;
    for (let w = 0; w < data; w++) {
      const parts: { bit: number; text: string }[] = [];
      for (const tag of layout?.tags ?? []) {
        if (Math.floor(tag.offset / 4) === w)
          parts.push({ bit: tag.offset * 16, text: `${tag.path || 'union'}: ${tag.active}` });
      }
      for (const field of layout?.fields ?? []) {
        const bits = bitsOf(field.type);
        const bit = field.offset * bits;
        if (bits === 0 || Math.floor(bit / 64) !== w) continue;
        parts.push({
          bit,
          text: `${field.path} = ${formatDataField(dataBytes, field, this.#lookup)}`,
        });
      }
      parts.sort((a, b) => a.bit - b.bit);
      const detail =
        parts.length > 0
          ? parts.map((p) => p.text).join(', ')
          : layout === undefined
            ? 'data'
            : 'data (no field here)';
      this.#note(
        seg,
        start + w,
        'data',
        `${label}${w === 0 ? name : ''} data word ${w}: ${detail}`,
      );
    }
    const prefix = label === 'root' ? '' : `${label}.`;
    for (let p = 0; p < ptrs; p++) {
      const atSlot = (f: { type: Type; offset: number }) => isPointerType(f.type) && f.offset === p;
      const field = layout?.fields.find(atSlot);
      let sub = field === undefined ? `${label}.ptr[${p}]` : `${prefix}${field.path}`;
      if (field === undefined && layout !== undefined) {
        const unused = layout.inactive.filter(atSlot).map((f) => f.path);
        if (unused.length > 0) sub += ` (${unused.join(' / ')}: not the active member)`;
      }
      this.#pointer(
        seg,
        start + data + p,
        sub,
        field ? expectOf(field.type, this.#lookup) : UNKNOWN,
        depth + 1,
      );
    }
  }

  #list(
    seg: number,
    start: number,
    size: number,
    count: number,
    label: string,
    expect: Expect,
    depth: number,
  ): void {
    if (size === 7) {
      this.#composite(seg, start, count, label, expect, depth);
      return;
    }
    const words = Math.ceil((count * (ELEMENT_BITS[size] as number)) / 64);
    if (!this.#inBounds(seg, start, words)) {
      this.#problems.push(
        `${label}: list at ${seg}:${start} (${plural(words, 'word')}) is out of bounds.`,
      );
      return;
    }
    const element = expect.kind === 'list' ? expect.element : undefined;
    if (size === 6) {
      const inner = element === undefined ? UNKNOWN : expectOf(element, this.#lookup);
      for (let i = 0; i < count; i++)
        this.#pointer(seg, start + i, `${label}[${i}]`, inner, depth + 1);
      return;
    }
    const byteList = size === 2 && element === undefined;
    const from = this.#at(seg, start);
    if (byteList && (expect.kind === 'text' || expect.kind === 'data')) {
      const content = this.#bytes.subarray(from, from + count);
      const shown =
        expect.kind === 'text'
          ? `Text ${quoteText(content.subarray(0, Math.max(0, count - 1)))} (${plural(count, 'byte')} with NUL)`
          : `Data, ${plural(count, 'byte')}`;
      for (let w = 0; w < words; w++) {
        this.#note(
          seg,
          start + w,
          expect.kind === 'text' ? 'text' : 'bytes',
          w === 0 ? `${label}: ${shown}` : `${label}: …`,
        );
      }
      return;
    }
    for (let w = 0; w < words; w++) {
      const first = Math.floor((w * 64) / (ELEMENT_BITS[size] as number));
      const last = Math.min(count, Math.floor(((w + 1) * 64) / (ELEMENT_BITS[size] as number))) - 1;
      let values = '';
      if (element !== undefined && size !== 1) {
        const shown: string[] = [];
        const bytesPer = (ELEMENT_BITS[size] as number) / 8;
        for (let i = first; i <= last; i++) {
          const view = new DataView(
            this.#bytes.buffer,
            this.#bytes.byteOffset + from + i * bytesPer,
            bytesPer,
          );
          const padded = new DataView(new ArrayBuffer(8));
          for (let k = 0; k < bytesPer; k++) padded.setUint8(k, view.getUint8(k));
          shown.push(formatBits(padded, element, this.#lookup));
        }
        values = ` = ${shown.join(', ')}`;
      }
      const range = first === last ? `[${first}]` : `[${first}..${last}]`;
      const type = element === undefined ? '' : ` (${typeName(element, this.#lookup)})`;
      this.#note(seg, start + w, 'data', `${label}${range}${type}${values}`);
    }
  }

  // Composite list: a tag word (element count, struct sizes) then the elements back to back.
  #composite(
    seg: number,
    start: number,
    words: number,
    label: string,
    expect: Expect,
    depth: number,
  ): void {
    if (!this.#inBounds(seg, start, words + 1)) {
      this.#problems.push(
        `${label}: list at ${seg}:${start} (${plural(words + 1, 'word')}) is out of bounds.`,
      );
      return;
    }
    const at = this.#at(seg, start);
    const count = signed30(this.#view.getUint32(at, true));
    const b = this.#view.getUint32(at + 4, true);
    const data = b & 0xffff;
    const ptrs = b >>> 16;
    this.#note(
      seg,
      start,
      'tag',
      `${label}: tag, ${plural(count, 'element')} × (${plural(data, 'data word')}, ${plural(ptrs, 'pointer')})`,
    );
    if (count < 0 || count * (data + ptrs) > words) {
      this.#problems.push(
        `${label}: the tag's ${plural(count, 'element')} do not fit in ${plural(words, 'word')}.`,
      );
      return;
    }
    const element = expect.kind === 'list' ? expect.element : undefined;
    const inner: Expect =
      element?.which === 'struct'
        ? { kind: 'struct', node: this.#lookup(element.typeId) }
        : { kind: 'struct', node: undefined };
    for (let i = 0; i < count; i++)
      this.#struct(
        seg,
        start + 1 + i * (data + ptrs),
        data,
        ptrs,
        `${label}[${i}]`,
        inner,
        depth + 1,
      );
  }
}
