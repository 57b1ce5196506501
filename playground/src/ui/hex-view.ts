import type { LayoutDump } from '../layout/layout-dump.js';
import { el, hexByte } from './dom.js';

function ascii(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '·';
  return out;
}

/**
 * Shows an annotated dump: one row per word — byte offset, segment:word, the 8 bytes, their
 * ASCII, and what the word is — coloured by kind; problems first.
 */
export function renderDump(container: HTMLElement, dump: LayoutDump): void {
  const rows: HTMLElement[] = [];
  for (const problem of dump.problems) rows.push(el('div', { className: 'dump-problem' }, problem));
  for (const row of dump.rows) {
    const hex = [...row.bytes].map(hexByte).join(' ');
    rows.push(
      el(
        'div',
        { className: `dump-row k-${row.kind}` },
        el('span', { className: 'off' }, row.offset.toString(16).padStart(4, '0')),
        el('span', { className: 'where' }, row.where),
        el('span', { className: 'bytes' }, hex),
        el('span', { className: 'ascii' }, ascii(row.bytes)),
        el('span', { className: 'note' }, row.note),
      ),
    );
  }
  container.replaceChildren(...rows);
}
