/** One figure of `pnpm bench`. `ratio` compares with a baseline measured in the same run. */
export interface Figure {
  key: string;
  label: string;
  value: number;
  unit: string;
  ratio?: number;
  baseline?: { label: string; value: number; unit: string };
  target?: string;
  met?: boolean;
  details?: Record<string, number | string>;
  /** A line printed under the table: what the figure was measured on and where its time went. */
  note?: string;
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(3));

/** The table `pnpm bench` prints. */
export function table(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.key,
    `${fmt(f.value)} ${f.unit}`,
    f.ratio === undefined ? '' : f.ratio.toFixed(3),
    f.baseline === undefined ? '' : `${fmt(f.baseline.value)} ${f.baseline.unit} (${f.baseline.label})`,
    f.target ?? '',
    f.met === undefined ? '' : f.met ? 'yes' : 'NO',
  ]);
  const header = ['figure', 'value', 'ratio', 'baseline (same run)', 'target', 'met'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  const notes = figures.filter((f) => f.note !== undefined).map((f) => `${f.key}: ${f.note}`);
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    ...(notes.length === 0 ? [] : ['', ...notes]),
  ].join('\n');
}
