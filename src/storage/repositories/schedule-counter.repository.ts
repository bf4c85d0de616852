import { type Kysely, sql } from 'kysely';
import type { Database } from '../database.js';

type Executor = Kysely<Database>;

/** Adds one to the named counter in one statement (so instances never lose a count); returns the new value. */
export async function incrementCounter(db: Executor, name: string, now: string): Promise<number> {
  const row = await db
    .insertInto('schedule_counters')
    .values({ name, value: 1, updated_at: now })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({ value: sql<number>`schedule_counters.value + 1`, updated_at: now }),
    )
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

/** Sets the counter to 0 if it has reached `atLeast`; true for the one caller whose update did it. */
export async function takeCounter(db: Executor, name: string, atLeast: number, now: string): Promise<boolean> {
  const result = await db
    .updateTable('schedule_counters')
    .set({ value: 0, updated_at: now })
    .where('name', '=', name)
    .where('value', '>=', atLeast)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function resetCounter(db: Executor, name: string, now: string): Promise<void> {
  await db.updateTable('schedule_counters').set({ value: 0, updated_at: now }).where('name', '=', name).execute();
}

export async function readCounter(db: Executor, name: string): Promise<number> {
  const row = await db.selectFrom('schedule_counters').select('value').where('name', '=', name).executeTakeFirst();
  return Number(row?.value ?? 0);
}
