/**
 * The most submissions per second the machine could take if the image checks were the server's
 * only work, beside the same fsync-only baseline as the measured levels.
 *
 * The image checks are the floor of a submission's CPU: they decode every byte of every image,
 * so that a truncated or corrupt upload is refused (JPEGs already at one eighth of their size,
 * which skips the inverse DCT but not the Huffman decoding). Spread perfectly over every core,
 * they alone bound throughput; when that bound is below a target ratio, no work elsewhere in
 * the server can reach it on this machine.
 */
import os from 'node:os';
import { round } from '../../lib/stats.js';
import { type BenchRow, benchRow } from '../../lib/types.js';
import type { LevelResult } from './phases.js';
import type { StageCpu } from './stages.js';

/** The share of the baseline that issue #16's first requirement asks for at 8 and 32 clients. */
const TARGET_RATIO = 0.5;

export interface Ceiling {
  cores: number;
  imageCheckMs: number;
  perSecond: number;
}

/** Null when the image checks measured no CPU at all (nothing to bound). */
export function imageCheckCeiling(stages: StageCpu, cores = os.availableParallelism()): Ceiling | null {
  const imageCheckMs = stages['image check'];
  if (imageCheckMs <= 0) return null;
  return { cores, imageCheckMs, perSecond: round((cores * 1000) / imageCheckMs, 1) };
}

/** One row per level with more than one client, beside that level's baseline. */
export function ceilingRows(section: string, ceiling: Ceiling | null, measured: readonly LevelResult[]): BenchRow[] {
  if (ceiling === null) return [];
  return measured
    .filter((m) => m.level.concurrency > 1)
    .map((m) =>
      benchRow(
        section,
        `ceiling, image checks alone on ${ceiling.cores} cores, vs c=${m.level.concurrency}`,
        ceiling.perSecond,
        'subm/s',
        { name: 'fsync-only writes', value: m.baseline.result.operationsPerSecond },
      ),
    );
}

/** "the image checks alone (55 ms CPU per submission) allow at most 36/s on 2 cores, at best 0.3× the baseline: …" */
export function ceilingNote(section: string, ceiling: Ceiling | null, rows: readonly BenchRow[]): string[] {
  const ratios = rows.map((row) => row.ratio ?? Number.NaN);
  if (ceiling === null || ratios.length === 0) return [];
  const best = Math.max(...ratios);
  const verdict =
    best < TARGET_RATIO
      ? `below ${TARGET_RATIO}× of the baseline before any other work`
      : `room for ${TARGET_RATIO}× of the baseline if the rest of the work shrinks`;
  const { cores, imageCheckMs, perSecond } = ceiling;
  return [
    `${section}: the image checks alone (${imageCheckMs} ms CPU per submission) allow at most ${perSecond}/s on ${cores} cores, at best ${round(best, 2)}× the baseline: ${verdict}`,
  ];
}
