/**
 * The contract between `bench/run.ts` and each benchmark section. A section measures what it
 * wants, but every figure it reports should come with a baseline measured in the same run, so a
 * slow machine or a noisy neighbour moves both numbers and the ratio stays meaningful.
 */

export interface Baseline {
  name: string;
  value: number;
}

export interface BenchRow {
  section: string;
  name: string;
  value: number;
  unit: string;
  baseline?: Baseline;
  /** value ÷ baseline.value. */
  ratio?: number;
}

export interface SectionResult {
  rows: BenchRow[];
  /** Free-form facts for the JSON report (sizes, counts, settings, raw summaries). */
  details?: Record<string, unknown>;
  /** Short lines printed under the table (skipped parts, caveats). */
  notes?: string[];
}

export interface BenchContext {
  /** BENCH_QUICK=1: shrink every size so the whole run is a smoke test. */
  quick: boolean;
  /** Progress on stderr, so stdout holds only the final table. */
  log(message: string): void;
}

export interface BenchSection {
  name: string;
  description: string;
  run(context: BenchContext): Promise<SectionResult>;
}

/** Builds a row; the ratio is computed here so every section means the same by it. */
export function benchRow(section: string, name: string, value: number, unit: string, baseline?: Baseline): BenchRow {
  const row: BenchRow = { section, name, value, unit };
  if (baseline !== undefined) {
    row.baseline = baseline;
    if (baseline.value > 0) row.ratio = value / baseline.value;
  }
  return row;
}
