import { packedRoles } from '../layout/packed-bytes.js';
import { el, hexByte } from './dom.js';

const PER_LINE = 16;

/** Shows packed bytes, 16 a line, each coloured by its role (tag, byte, count, raw). */
export function renderPacked(container: HTMLElement, packed: Uint8Array): void {
  const roles = packedRoles(packed);
  const lines: HTMLElement[] = [];
  for (let at = 0; at < packed.length; at += PER_LINE) {
    const line = el('div', { className: 'packed-line' });
    line.append(el('span', { className: 'off' }, at.toString(16).padStart(4, '0')));
    for (let i = at; i < Math.min(at + PER_LINE, packed.length); i++)
      line.append(el('span', { className: `p-${roles[i]}` }, hexByte(packed[i] as number)));
    lines.push(line);
  }
  container.replaceChildren(...lines);
}
