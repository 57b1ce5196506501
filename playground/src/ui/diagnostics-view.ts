import type { DiagnosticView } from '../compile/protocol.js';
import { el } from './dom.js';

/**
 * Lists compile errors, each as the reference prints it; clicking one selects its range in the
 * editor (via `reveal`).
 */
export function renderDiagnostics(
  container: HTMLElement,
  diagnostics: readonly DiagnosticView[],
  reveal: (d: DiagnosticView) => void,
): void {
  if (diagnostics.length === 0) {
    container.replaceChildren(el('div', { className: 'ok' }, 'No errors.'));
    return;
  }
  container.replaceChildren(
    ...diagnostics.map((d) => {
      const item = el(
        'button',
        { className: 'diagnostic', attrs: { type: 'button', 'data-line': String(d.line) } },
        el('span', { className: 'where' }, `line ${d.line}`),
        el('span', { className: 'text' }, d.text),
      );
      item.addEventListener('click', () => reveal(d));
      return item;
    }),
  );
}
