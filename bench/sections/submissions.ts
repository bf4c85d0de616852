/**
 * Submissions per second and latency of `POST /api/enrollments` against a real `byov serve`
 * process on SQLite, with ~3 MB of files per enrollment, at several concurrency levels.
 *
 * The server runs from the compiled build, as `npm start` runs it.
 *
 * Baseline, measured in the same run on the same disk: this process writing the very same bytes
 * with open/write/fsync/close per file plus one directory fsync per submission, at the same
 * concurrency. The ratio says how much of the disk's durable-write capacity the server turns
 * into acknowledged enrollments (parsing, type checks, hashing, renames, the SQLite commit).
 * A note gives the server's CPU per submission by stage (see submissions/stages.ts), and a row the
 * most the image checks alone would allow on this machine (see submissions/ceiling.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { backupScheduleAwayFromNow, startBuiltServer } from '../lib/built-server.js';
import { fileSystemOf } from '../lib/machine.js';
import { medianOf, mediansByTenth, type RssTrace, traceRss } from '../lib/rss.js';
import { round, roundSummary, summarize } from '../lib/stats.js';
import { withTempDir } from '../lib/temp-dir.js';
import { type BenchContext, type BenchRow, type BenchSection, benchRow, type SectionResult } from '../lib/types.js';
import { ceilingNote, ceilingRows, imageCheckCeiling } from './submissions/ceiling.js';
import { SubmissionFactory } from './submissions/payloads.js';
import { type Level, type LevelResult, type Measured, SubmissionPhases } from './submissions/phases.js';
import { describeStageCpu, measureStageCpu } from './submissions/stages.js';
import { verifyStoredSubmissions } from './submissions/verify.js';

const SECTION = 'submissions';

const level = (concurrency: number, submissions: number): Level => ({ concurrency, submissions });
const FULL = {
  warmUp: level(4, 8),
  levels: [level(1, 40), level(8, 120), level(32, 200)],
  soak: level(32, 2000),
  stageSamples: 20,
  /** Longer than the 30 s after which the worker pool used to stop its idle threads. */
  idleMs: 35_000,
};
const QUICK = {
  warmUp: level(2, 2),
  levels: [level(1, 3), level(8, 8), level(32, 32)],
  soak: level(32, 64),
  stageSamples: 3,
  idleMs: 0,
};
/** The server's resident memory under 32-client load stays below this (issue #16, req. 5). */
const RSS_LIMIT_MB = 300;
/** Late memory this much above early memory, over the long run, reads as growth. */
const GROWTH_TOLERANCE = 1.1;
const MB = 1024 * 1024;

function rowsFor({ level, server, baseline }: LevelResult): BenchRow[] {
  const s = summarize(server.result.latenciesMs);
  const b = summarize(baseline.result.latenciesMs);
  const c = `c=${level.concurrency}`;
  return [
    benchRow(SECTION, `throughput ${c}`, server.result.operationsPerSecond, 'subm/s', {
      name: 'fsync-only writes',
      value: baseline.result.operationsPerSecond,
    }),
    benchRow(SECTION, `latency p50 ${c}`, s.p50Ms, 'ms', { name: 'fsync-only p50', value: b.p50Ms }),
    benchRow(SECTION, `latency p99 ${c}`, s.p99Ms, 'ms', { name: 'fsync-only p99', value: b.p99Ms }),
  ];
}

/** RSS at the start, peak and end of the long run, and late against early (growth). */
function memoryRows(soak: Level, trace: RssTrace): BenchRow[] {
  const mb = (bytes: number) => round(bytes / MB, 1);
  const start = { name: 'RSS at start', value: mb(trace.startBytes) };
  const run = `${soak.submissions} subm c=${soak.concurrency}`;
  return [
    benchRow(SECTION, `server RSS peak, ${run}`, mb(trace.peakBytes), 'MB', start),
    benchRow(SECTION, `server RSS at end, ${run}`, mb(trace.endBytes), 'MB', start),
    benchRow(SECTION, `server RSS median, last tenth of ${run}`, mb(medianOf(trace.samples, 0.9, 1)), 'MB', {
      name: 'first tenth median',
      value: mb(medianOf(trace.samples, 0, 0.1)),
    }),
  ];
}

function memoryNotes(trace: RssTrace | null): string[] {
  if (trace === null) return [`${SECTION}: server RSS not measured (needs /proc)`];
  const notes: string[] = [];
  const peakMb = trace.peakBytes / MB;
  if (peakMb >= RSS_LIMIT_MB)
    notes.push(`${SECTION}: server RSS peaked at ${round(peakMb, 1)} MB, above ${RSS_LIMIT_MB} MB`);
  if (medianOf(trace.samples, 0.9, 1) > GROWTH_TOLERANCE * medianOf(trace.samples, 0, 0.1)) {
    notes.push(`${SECTION}: server RSS grew over the long run (last tenth > ${GROWTH_TOLERANCE}× the first)`);
  }
  return notes;
}

/**
 * A technician's submission usually reaches an idle server, so what a request pays after a
 * quiet spell (threads, caches) is what most of them see.
 */
async function oneAfterIdle(context: BenchContext, phases: SubmissionPhases, idleMs: number): Promise<number | null> {
  if (idleMs <= 0) return null;
  context.log(`${SECTION}: one submission after ${idleMs / 1000} s idle`);
  await new Promise((resolve) => setTimeout(resolve, idleMs));
  return phases.one();
}

function afterIdleRows(idleMs: number, latencyMs: number | null, measured: readonly LevelResult[]): BenchRow[] {
  const one = measured.find((m) => m.level.concurrency === 1);
  if (latencyMs === null || !one) return [];
  return [
    benchRow(SECTION, `latency after ${idleMs / 1000} s idle`, latencyMs, 'ms', {
      name: 'c=1 p50 (busy)',
      value: summarize(one.server.result.latenciesMs).p50Ms,
    }),
  ];
}

function describeMeasured({ result, cpu }: Measured, bytesPerSubmission: number) {
  const count = result.latenciesMs.length;
  return {
    latencyMs: roundSummary(summarize(result.latenciesMs)),
    perSecond: round(result.operationsPerSecond),
    megabytesPerSecond: round((result.operationsPerSecond * bytesPerSubmission) / (1024 * 1024), 1),
    wallMs: Math.round(result.wallMs),
    cpuMsPerSubmission: {
      benchProcess: round(cpu.ownMs / count, 1),
      server: cpu.otherMs === null ? null : round(cpu.otherMs / count, 1),
    },
  };
}

function levelDetails(measured: LevelResult, bytesPerSubmission: number) {
  return {
    ...measured.level,
    server: describeMeasured(measured.server, bytesPerSubmission),
    baseline: describeMeasured(measured.baseline, bytesPerSubmission),
  };
}

function serverEnv(dataDir: string): Record<string, string | undefined> {
  return {
    DATA_DIR: dataDir,
    // Explicit, so a DATABASE_URL in the caller's environment cannot point the bench elsewhere.
    DATABASE_URL: `sqlite:${path.join(dataDir, 'byov.db')}`,
    // The production limit (10/min per address) would turn this into a rate-limiter benchmark.
    RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '1000000',
    // Every client of the bench is one address; the per-address cap on uploads in progress (6)
    // would refuse the 8- and 32-client levels.
    MAX_UPLOADS_PER_ADDRESS: '1000',
    BACKUP_AFTER_SUBMISSIONS: '0',
    BACKUP_SCHEDULE: backupScheduleAwayFromNow(),
    ADMIN_TOKEN: undefined,
    // As `npm start` and the deploy files set it (see README, "Sizing").
    MALLOC_ARENA_MAX: '2',
  };
}

/** The server's error and fatal log lines (pino levels 50 and 60). */
function errorLines(lines: readonly string[]): string[] {
  return lines.filter((line) => /"level":(5|6)0\b/.test(line));
}

/** A failing request only says "500"; the cause is in the server's log, so the error carries it. */
function withServerErrors(error: unknown, lines: readonly string[]): Error {
  const causes = errorLines(lines)
    .slice(-3)
    .map((line) => {
      const entry = JSON.parse(line) as { msg?: string; err?: { type?: string; message?: string } };
      return `  server logged: ${entry.err?.type ?? ''} ${entry.err?.message ?? entry.msg ?? ''}`.trimEnd();
    });
  const message = error instanceof Error ? error.message : String(error);
  return new Error([message, ...causes].join('\n'), { cause: error });
}

async function runSection(context: BenchContext): Promise<SectionResult> {
  const plan = context.quick ? QUICK : FULL;
  return withTempDir(SECTION, async (root) => {
    const dataDir = path.join(root, 'data');
    // `byov serve` takes its lock file before creating the data folder, so it must exist.
    await mkdir(dataDir, { recursive: true });
    const factory = await SubmissionFactory.create(randomBytes(4).toString('hex'));
    const bytesPerSubmission = factory.totalBytes(0);
    context.log(`${SECTION}: starting byov serve from the build, as npm start does (SQLite in ${dataDir})`);
    const server = await startBuiltServer(serverEnv(dataDir));
    let stopped = false;
    try {
      const phases = new SubmissionPhases(factory, server, path.join(root, 'baseline'));
      context.log(`${SECTION}: warm-up, ${plan.warmUp.submissions} submissions`);
      const warmUp = await phases.measure(plan.warmUp);
      const measured: LevelResult[] = [];
      for (const each of plan.levels) {
        context.log(`${SECTION}: ${each.submissions} submissions at concurrency ${each.concurrency}`);
        measured.push(await phases.measure(each));
      }
      const afterIdle = await oneAfterIdle(context, phases, plan.idleMs);
      context.log(`${SECTION}: memory, ${plan.soak.submissions} submissions at concurrency ${plan.soak.concurrency}`);
      const soak = await traceRss(server.child.pid, () => phases.soak(plan.soak));
      const exitCode = await server.stop();
      stopped = true;
      if (exitCode !== 0) throw new Error(`byov serve exited with code ${exitCode} on SIGTERM`);
      const stored = await verifyStoredSubmissions(
        dataDir,
        phases.accepted.map((a) => a.id),
      );
      context.log(`${SECTION}: verified ${stored.enrollments} enrollments and ${stored.blobsOnDisk} files on disk`);
      context.log(`${SECTION}: CPU by stage, ${plan.stageSamples} submissions in this process`);
      const stages = await measureStageCpu(factory, plan.stageSamples);
      const atEight = measured.find((m) => m.level.concurrency === 8);
      const serverMs = atEight ? describeMeasured(atEight.server, bytesPerSubmission).cpuMsPerSubmission.server : null;
      const ceiling = imageCheckCeiling(stages);
      const ceilingRowsOfRun = ceilingRows(SECTION, ceiling, measured);
      const fileSystem = fileSystemOf(root);
      return {
        rows: [
          ...measured.flatMap(rowsFor),
          ...afterIdleRows(plan.idleMs, afterIdle, measured),
          ...(soak.trace ? memoryRows(plan.soak, soak.trace) : []),
          ...ceilingRowsOfRun,
        ],
        details: {
          bytesPerSubmission,
          fileSystem,
          warmUp: levelDetails(warmUp, bytesPerSubmission),
          levels: measured.map((m) => levelDetails(m, bytesPerSubmission)),
          stored,
          stageCpuMsPerSubmission: stages,
          imageCheckCeiling: ceiling,
          serverErrorLogLines: errorLines(server.logLines).length,
          memory: soak.trace && {
            submissions: plan.soak.submissions,
            concurrency: plan.soak.concurrency,
            perSecond: round(soak.result.operationsPerSecond),
            startMb: round(soak.trace.startBytes / MB, 1),
            peakMb: round(soak.trace.peakBytes / MB, 1),
            endMb: round(soak.trace.endBytes / MB, 1),
            samples: soak.trace.samples.length,
            // The shape of the run: a rise that levels off is caches filling, a steady climb a leak.
            medianMbByTenth: mediansByTenth(soak.trace.samples).map((bytes) => round(bytes / MB, 1)),
          },
        },
        notes: [
          ...(fileSystem === 'tmpfs' ? [`${SECTION}: the temp dir is on tmpfs, where fsync costs nothing`] : []),
          ...memoryNotes(soak.trace),
          `${SECTION}: CPU ms per submission by stage: ${describeStageCpu(stages, serverMs)} (server total at c=8: ${serverMs ?? 'not measured'})`,
          ...ceilingNote(SECTION, ceiling, ceilingRowsOfRun),
        ],
      };
    } catch (error) {
      throw withServerErrors(error, server.logLines);
    } finally {
      if (!stopped) await server.kill9();
    }
  });
}

export const submissionsSection: BenchSection = {
  name: SECTION,
  description:
    'POST /api/enrollments with ~3 MB of files against a real server on SQLite, and its memory over a long run',
  run: runSection,
};
