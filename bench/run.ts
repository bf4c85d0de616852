/**
 * `npm run bench`: runs the benchmark sections, prints one table and writes
 * bench/results/latest.json. Speed is measured only here, never asserted in tests.
 *
 *   BENCH_ONLY=submissions,admin-search   run only these sections (comma-separated)
 *   BENCH_QUICK=1                         small sizes, for a smoke run
 *
 * To add a section, write bench/sections/<name>.ts exporting a `BenchSection` and list it in
 * SECTIONS below. Each row should carry a baseline measured in the same run.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadAverage1m, machineInfo } from './lib/machine.js';
import { round } from './lib/stats.js';
import { formatTable } from './lib/table.js';
import type { BenchContext, BenchRow, BenchSection, SectionResult } from './lib/types.js';
import { adminSearchSection } from './sections/admin-search.js';
import { backupSection } from './sections/backup.js';
import { clusterSection } from './sections/cluster.js';
import { pdfSection } from './sections/pdf.js';
import { remoteBackupSection } from './sections/remote-backup.js';
import { submissionsSection } from './sections/submissions.js';
import { webBundleSection } from './sections/web-bundle.js';

const SECTIONS: readonly BenchSection[] = [
  submissionsSection,
  adminSearchSection,
  backupSection,
  remoteBackupSection,
  pdfSection,
  webBundleSection,
  clusterSection,
];

const RESULTS_FILE = path.join(import.meta.dirname, 'results', 'latest.json');

interface SectionOutcome extends Partial<SectionResult> {
  name: string;
  description: string;
  seconds: number;
  error?: string;
}

/** The sections BENCH_ONLY names, in registry order; an unknown name stops the run early. */
function selectSections(only: string | undefined, sections = SECTIONS): BenchSection[] {
  const wanted = (only ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (wanted.length === 0) return [...sections];
  const known = new Set(sections.map((s) => s.name));
  const unknown = wanted.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new Error(`BENCH_ONLY names unknown section(s): ${unknown.join(', ')}; known: ${[...known].join(', ')}`);
  }
  return sections.filter((s) => wanted.includes(s.name));
}

/** Above this 1-minute load average per core, other work is competing for the CPU being measured. */
const BUSY_LOAD_PER_CORE = 0.5;

function isBusy(machine: { cpus: number; loadAverage1m: number }): boolean {
  return machine.loadAverage1m > BUSY_LOAD_PER_CORE * machine.cpus;
}

function makeContext(quick: boolean, started: number): BenchContext {
  return {
    quick,
    log: (message) => {
      const elapsed = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
      process.stderr.write(`[bench ${elapsed}s] ${message}\n`);
    },
  };
}

/** A failing section is reported and fails the run, but does not hide the others' results. */
async function runSection(section: BenchSection, context: BenchContext): Promise<SectionOutcome> {
  const started = Date.now();
  const base = { name: section.name, description: section.description };
  try {
    const result = await section.run(context);
    return { ...base, ...result, seconds: round((Date.now() - started) / 1000, 1) };
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    context.log(`${section.name} FAILED: ${message}`);
    return { ...base, seconds: round((Date.now() - started) / 1000, 1), error: message };
  }
}

async function writeResults(report: Record<string, unknown>): Promise<void> {
  await mkdir(path.dirname(RESULTS_FILE), { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(report, null, 2)}\n`);
}

function printSummary(
  outcomes: readonly SectionOutcome[],
  rows: readonly BenchRow[],
  seconds: number,
  machine: { cpus: number; loadAverage1m: number },
): void {
  const lines = ['', formatTable(rows), '', 'ratio = value ÷ baseline (same run, same machine)'];
  if (isBusy(machine)) {
    lines.push(
      `WARNING: the machine was busy (load average ${machine.loadAverage1m} on ${machine.cpus} cores, ` +
        `above ${BUSY_LOAD_PER_CORE} per core): figures are noisy; compare ratios, or rerun on a quiet machine`,
    );
  }
  const unanchored = rows.filter((row) => row.baseline === undefined).map((row) => `${row.section}: ${row.name}`);
  if (unanchored.length > 0) lines.push(`WARNING: rows without a same-run baseline: ${unanchored.join('; ')}`);
  for (const outcome of outcomes) {
    for (const note of outcome.notes ?? []) lines.push(`note: ${note}`);
    if (outcome.error) lines.push(`FAILED: ${outcome.name}: ${firstLines(outcome.error)}`);
  }
  lines.push(`total ${seconds.toFixed(1)} s; results in ${path.relative(process.cwd(), RESULTS_FILE)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** The message without the stack trace (messages may span lines; stack frames start with "at"). */
function firstLines(error: string): string {
  return error
    .split('\n')
    .filter((line) => !/^\s+at /.test(line))
    .join('\n');
}

async function main(): Promise<void> {
  const started = Date.now();
  const quick = process.env.BENCH_QUICK === '1';
  const sections = selectSections(process.env.BENCH_ONLY);
  const context = makeContext(quick, started);
  const machine = machineInfo();
  if (isBusy(machine)) {
    context.log(
      `WARNING: load average ${machine.loadAverage1m} on ${machine.cpus} cores is above ${BUSY_LOAD_PER_CORE} ` +
        'per core: other work will skew these figures',
    );
  }
  const outcomes: SectionOutcome[] = [];
  for (const section of sections) {
    context.log(`section ${section.name}${quick ? ' (quick)' : ''}`);
    outcomes.push(await runSection(section, context));
  }
  const rows = outcomes.flatMap((o) => o.rows ?? []);
  const seconds = (Date.now() - started) / 1000;
  await writeResults({
    date: new Date(started).toISOString(),
    durationSeconds: round(seconds, 1),
    quick,
    only: process.env.BENCH_ONLY ?? null,
    machine: { ...machine, loadAverage1mAtEnd: loadAverage1m() },
    load: {
      busyAbovePerCore: BUSY_LOAD_PER_CORE,
      atStart: machine.loadAverage1m,
      atEnd: loadAverage1m(),
      busy: isBusy(machine) || isBusy({ cpus: machine.cpus, loadAverage1m: loadAverage1m() }),
    },
    rows,
    sections: outcomes,
  });
  printSummary(outcomes, rows, seconds, machine);
  if (outcomes.some((o) => o.error)) process.exitCode = 1;
}

// On Ctrl-C, exit through process.exit so 'exit' hooks run: the PostgreSQL helper stops its
// throwaway cluster from one (a server child gets the terminal's SIGINT itself).
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

await main();
