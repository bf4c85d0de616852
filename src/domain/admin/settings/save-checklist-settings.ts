import { z } from 'zod';
import type { Db } from '../../../storage/db.js';
import { insertAuditEvent } from '../../../storage/repositories/audit.repository.js';
import { saveChecklistDefinition } from '../../../storage/repositories/checklist.repository.js';
import { type ActionContext, auditActor } from '../../auth/actor.js';
import { parseInput } from '../../parse-input.js';

export const TasksSchema = z.strictObject({
  tasks: z
    .array(
      z.strictObject({
        key: z
          .string('Each task needs a key.')
          .regex(/^[a-z0-9_]{1,40}$/, 'A task key is 1-40 lower-case letters, digits or underscores.'),
        label: z.string('Each task needs a label.').trim().min(1, 'Each task needs a label.').max(120),
      }),
    )
    .min(1, 'Keep at least one task.')
    .max(30, 'At most 30 tasks.')
    .refine((tasks) => new Set(tasks.map((t) => t.key)).size === tasks.length, 'Each task key must be unique.'),
});

/**
 * Replaces the onboarding tasks that new enrollments get. Existing enrollments keep their own
 * list and ticks: changing the template never rewrites what was recorded.
 */
export async function saveChecklistSettings(deps: { db: Db }, context: ActionContext, body: unknown) {
  const { tasks } = parseInput(TasksSchema, body ?? {}, { fieldDepth: 1, fallbackField: 'tasks' });
  await deps.db.kysely.transaction().execute(async (trx) => {
    await saveChecklistDefinition(trx, tasks, context.now.toISOString());
    await insertAuditEvent(trx, {
      enrollmentId: null,
      ...auditActor(context),
      action: 'settings.checklist_updated',
      details: { keys: tasks.map((t) => t.key) },
    });
  });
  return { tasks };
}
