import { type Kysely, sql } from 'kysely';
import type { Database } from '../database.js';

type Executor = Kysely<Database>;

export interface WindowCount {
  /** Requests counted in the current window, this one included. */
  hits: number;
  /** When the current window ends (UTC ISO-8601). */
  windowEndsAt: string;
}

/**
 * Counts one request against `key` in a fixed window, in one statement (an upsert), so that
 * instances counting at the same moment never lose a hit: a window that has ended starts over
 * at 1. Each caller gets the count as it stood right after its own increment.
 */
export async function countHit(db: Executor, key: string, now: string, windowEndsAt: string): Promise<WindowCount> {
  const row = await db
    .insertInto('rate_limit_hits')
    .values({ key, hits: 1, window_ends_at: windowEndsAt })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when rate_limit_hits.window_ends_at <= ${now} then 1 else rate_limit_hits.hits + 1 end`,
        window_ends_at: sql<string>`case when rate_limit_hits.window_ends_at <= ${now} then ${windowEndsAt} else rate_limit_hits.window_ends_at end`,
      }),
    )
    .returning(['hits', 'window_ends_at'])
    .executeTakeFirstOrThrow();
  return { hits: Number(row.hits), windowEndsAt: row.window_ends_at };
}

/** The count in `key`'s current window, without counting (0 once the window has ended). */
export async function readHits(db: Executor, key: string, now: string): Promise<WindowCount | undefined> {
  const row = await db
    .selectFrom('rate_limit_hits')
    .select(['hits', 'window_ends_at'])
    .where('key', '=', key)
    .where('window_ends_at', '>', now)
    .executeTakeFirst();
  return row ? { hits: Number(row.hits), windowEndsAt: row.window_ends_at } : undefined;
}

/** Drops the rows of windows that have ended (they would start over anyway). */
export async function removeEndedWindows(db: Executor, now: string): Promise<void> {
  await db.deleteFrom('rate_limit_hits').where('window_ends_at', '<=', now).execute();
}
