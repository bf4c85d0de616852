import type { BenchRow } from './types.js';

/** Three significant figures or so: enough to compare runs, few enough to read. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  if (magnitude >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

const HEADERS = ['section', 'name', 'value', 'unit', 'baseline', 'ratio'] as const;
const RIGHT_ALIGNED = new Set<number>([2, 5]);

function cells(row: BenchRow): string[] {
  const baseline = row.baseline ? `${formatNumber(row.baseline.value)}  ${row.baseline.name}` : '';
  const ratio = row.ratio === undefined ? '' : `${row.ratio.toFixed(2)}×`;
  return [row.section, row.name, formatNumber(row.value), row.unit, baseline, ratio];
}

/** A plain-text table, columns padded to their widest cell, a rule between sections. */
export function formatTable(rows: readonly BenchRow[]): string {
  const body = rows.map(cells);
  const widths = HEADERS.map((header, column) => Math.max(header.length, ...body.map((r) => (r[column] ?? '').length)));
  const line = (values: readonly string[]) =>
    values
      .map((value, column) => {
        const width = widths[column] ?? 0;
        return RIGHT_ALIGNED.has(column) ? value.padStart(width) : value.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const output = [line(HEADERS), rule];
  body.forEach((values, index) => {
    if (index > 0 && rows[index - 1]?.section !== rows[index]?.section) output.push(rule);
    output.push(line(values));
  });
  return output.join('\n');
}
