import type { Kysely } from 'kysely';
import type { Database } from '../database.js';

/** The JSON value stored under `key`, or undefined when it was never set. */
export async function readSetting(db: Kysely<Database>, key: string): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? JSON.parse(row.value) : undefined;
}

export async function writeSetting(db: Kysely<Database>, key: string, value: unknown, now: string): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: json, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: now }))
    .execute();
}

/** Stores `value` under `key` unless a value is there already (which is then kept). */
export async function insertSettingIfAbsent(db: Kysely<Database>, key: string, value: unknown, now: string) {
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value), updated_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}
