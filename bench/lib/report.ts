/** One bar of a comparison. */
export interface Entry {
  readonly label: string;
  readonly value: number;
  /** Shown after the value (e.g. "median of 15 runs"). */
  readonly note?: string;
}

/** A set of measurements of the same thing, drawn as one bar chart. */
export interface Comparison {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  readonly lowerIsBetter: boolean;
  readonly entries: readonly Entry[];
  /** What the issue asks for, and whether the figures meet it. */
  readonly goal?: { readonly text: string; readonly met: boolean };
  /** How it was measured. */
  readonly method: string;
}

/** A benchmark suite: a module under bench/suites exporting one of these as default. */
export interface Suite {
  readonly name: string;
  run(): Promise<Comparison[]> | Comparison[];
}

function format(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A horizontal bar chart of a comparison, as a standalone SVG document. */
export function barChart(c: Comparison): string {
  const width = 720;
  const labelWidth = 230;
  const barArea = width - labelWidth - 120;
  const rowHeight = 28;
  const top = 40;
  const height = top + c.entries.length * rowHeight + 16;
  const max = Math.max(...c.entries.map((e) => e.value), Number.MIN_VALUE);
  const best = c.lowerIsBetter ? Math.min(...c.entries.map((e) => e.value)) : max;
  const rows = c.entries
    .map((e, i) => {
      const y = top + i * rowHeight;
      const w = Math.max(1, (e.value / max) * barArea);
      const fill = e.value === best ? '#2f855a' : '#4a5568';
      return [
        `<text x="${labelWidth - 8}" y="${y + 18}" text-anchor="end">${escapeXml(e.label)}</text>`,
        `<rect x="${labelWidth}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowHeight - 8}" fill="${fill}" rx="2"/>`,
        `<text x="${labelWidth + w + 6}" y="${y + 18}">${format(e.value)} ${escapeXml(c.unit)}</text>`,
      ].join('');
    })
    .join('\n  ');
  const hint = c.lowerIsBetter ? 'lower is better' : 'higher is better';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="13">
  <title>${escapeXml(c.title)}</title>
  <rect width="100%" height="100%" fill="#ffffff"/>
  <text x="8" y="22" font-size="15" font-weight="bold">${escapeXml(c.title)}</text>
  <text x="${width - 8}" y="22" text-anchor="end" fill="#718096">${hint}</text>
  ${rows}
</svg>
`;
}
