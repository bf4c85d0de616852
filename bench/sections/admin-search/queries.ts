/**
 * The admin list queries a reviewer actually runs, each with parameters that rotate through
 * values taken from the seeded data (so every search finds something and no single cached
 * answer is timed over and over), timed through the `listEnrollments` use case itself.
 */
import { listEnrollments } from '../../../src/domain/enrollment/list-enrollments.js';
import type { NewEnrollmentRow } from '../../../src/storage/database.js';
import type { Db } from '../../../src/storage/db.js';
import { findEnrollmentById } from '../../../src/storage/repositories/enrollment.repository.js';
import { pick, seededRandom } from '../../lib/fake-enrollments.js';
import { type LatencySummary, summarize, timeMs } from '../../lib/stats.js';

export interface QueryKind {
  name: string;
  /** The raw query string values, as the HTTP route would pass them. */
  query(iteration: number): Record<string, string>;
}

/** Builds the query mix from the seeded rows, deterministically. */
export function queryMix(rows: readonly NewEnrollmentRow[]): QueryKind[] {
  const random = seededRandom(7);
  const sample = Array.from({ length: 64 }, () => pick(random, rows));
  const at = <T>(list: readonly T[], i: number) => list[i % list.length] as T;
  // What a reviewer types: the start of a last name ("garc", "kowa"), a tech ID, a VIN's serial.
  const nameFragments = sample.map((r) => (r.full_name.split(' ')[1] ?? r.full_name).slice(0, 4).toLowerCase());
  const techIds = sample.map((r) => r.tech_id);
  const vinFragments = sample.map((r) => r.vin.slice(11, 17));
  const states = sample.map((r) => r.state);
  return [
    { name: 'list page 1', query: () => ({}) },
    { name: 'list page 200', query: () => ({ page: '200' }) },
    { name: 'search name fragment', query: (i) => ({ search: at(nameFragments, i) }) },
    { name: 'search tech ID', query: (i) => ({ search: at(techIds, i) }) },
    { name: 'search VIN fragment', query: (i) => ({ search: at(vinFragments, i) }) },
    { name: 'state + sort by name', query: (i) => ({ state: at(states, i), sort: 'full_name', order: 'asc' }) },
    { name: 'expiring in 30 days', query: () => ({ expiringWithinDays: '30' }) },
  ];
}

export interface QueryTiming {
  name: string;
  summary: LatencySummary;
  /** Matches of the first iteration: shows how selective each query is. */
  firstTotal: number;
  /** False when the first iteration's count stopped at the list's bound ("more than"). */
  firstExact: boolean;
}

/**
 * How many times each query runs: up to `iterations`, but a query that scans 100,000 rows
 * stops once `budgetMs` is spent (after at least `minIterations`), so the default run stays
 * within its few minutes on a 2-core machine. The sample count is reported with the figures.
 */
export interface IterationPlan {
  iterations: number;
  minIterations: number;
  budgetMs: number;
}

const WARM_UP_ITERATIONS = 5;

async function sample(plan: IterationPlan, run: (iteration: number) => Promise<unknown>): Promise<LatencySummary> {
  for (let i = 0; i < WARM_UP_ITERATIONS; i++) await run(i);
  const samples: number[] = [];
  const started = Date.now();
  for (let i = 0; i < plan.iterations; i++) {
    if (i >= plan.minIterations && Date.now() - started > plan.budgetMs) break;
    samples.push(await timeMs(() => run(i)));
  }
  return summarize(samples);
}

export async function timeQuery(db: Db, now: Date, kind: QueryKind, plan: IterationPlan): Promise<QueryTiming> {
  const deps = { db, now: () => now };
  const first = await listEnrollments(deps, kind.query(0));
  const summary = await sample(plan, (i) => listEnrollments(deps, kind.query(i)));
  return { name: kind.name, summary, firstTotal: first.total, firstExact: first.totalExact };
}

/**
 * The baseline: a primary-key lookup of one enrollment on the same table and connection, the
 * cheapest indexed question; a search near it costs a few index probes, one far above it reads
 * many rows.
 */
export async function timePrimaryKeyLookup(
  db: Db,
  rows: readonly NewEnrollmentRow[],
  plan: IterationPlan,
): Promise<LatencySummary> {
  return sample(plan, (i) => findEnrollmentById(db.kysely, rows[i % rows.length]?.id as string));
}
