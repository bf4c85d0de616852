import type { Kysely } from 'kysely';
import type { Database, WebhookEndpointRow } from '../database.js';

type Executor = Kysely<Database>;

export async function insertWebhookEndpoint(db: Executor, row: WebhookEndpointRow): Promise<void> {
  await db.insertInto('webhook_endpoints').values(row).execute();
}

export async function listWebhookEndpoints(db: Executor): Promise<WebhookEndpointRow[]> {
  return db.selectFrom('webhook_endpoints').selectAll().orderBy('created_at').orderBy('id').execute();
}

export async function findWebhookEndpoint(db: Executor, id: string): Promise<WebhookEndpointRow | undefined> {
  return db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateWebhookEndpoint(
  db: Executor,
  id: string,
  changes: Pick<WebhookEndpointRow, 'url' | 'description' | 'events' | 'enabled' | 'updated_at'>,
): Promise<boolean> {
  const result = await db.updateTable('webhook_endpoints').set(changes).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteWebhookEndpoint(db: Executor, id: string): Promise<boolean> {
  const result = await db.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Enabled endpoints, for choosing which ones an event goes to. */
export async function listEnabledWebhookEndpoints(db: Executor): Promise<WebhookEndpointRow[]> {
  return db.selectFrom('webhook_endpoints').selectAll().where('enabled', '=', 1).orderBy('id').execute();
}
