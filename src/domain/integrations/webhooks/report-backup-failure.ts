import type { Db } from '../../../storage/db.js';
import { enqueueWebhookEvent } from './enqueue-webhook-event.js';

/**
 * The `backup.failed` event for a scheduled backup that failed: what started it and the
 * error's code and message (backup summaries carry names, counts and sizes only, no
 * enrollment data).
 */
export async function reportBackupFailure(
  deps: { db: Db; now: () => Date },
  failure: { trigger: string; summary: Record<string, unknown> },
): Promise<void> {
  const { code, message, error } = failure.summary;
  const at = deps.now();
  await enqueueWebhookEvent(
    deps.db.kysely,
    'backup.failed',
    {
      trigger: failure.trigger,
      failedAt: at.toISOString(),
      code: typeof code === 'string' ? code : null,
      message: String(message ?? error ?? 'the backup failed').slice(0, 500),
    },
    { at },
  );
}
