import { z } from 'zod';
import { AppError } from '../../../errors.js';
import type { Db } from '../../../storage/db.js';
import { insertAuditEvent } from '../../../storage/repositories/audit.repository.js';
import { listChecklistOf, setChecklistTaskCompletion } from '../../../storage/repositories/checklist.repository.js';
import { findEnrollmentById } from '../../../storage/repositories/enrollment.repository.js';
import { type ActionContext, auditActor } from '../../auth/actor.js';
import { readTaskEmailSettings, sendableTasks } from '../../notifications/task-email-settings.js';
import { parseInput } from '../../parse-input.js';
import { presentChecklist } from './present-checklist.js';

export const TickSchema = z.object({ done: z.boolean('done must be true or false.') });

/** Ticks or unticks one onboarding task, recording who and when; returns the whole checklist. */
export async function setChecklistTask(
  deps: { db: Db },
  context: ActionContext,
  id: string,
  taskKey: string,
  body: unknown,
) {
  const { done } = parseInput(TickSchema, body ?? {}, {
    refusal: { message: 'done must be true or false.', field: 'done' },
  });
  return deps.db.kysely.transaction().execute(async (trx) => {
    const row = await findEnrollmentById(trx, id);
    if (!row) throw new AppError('NOT_FOUND', 'No enrollment has this id.');
    if (row.deleted_at !== null)
      throw new AppError('INVALID_TRANSITION', 'This enrollment is deleted; restore it first.');
    const completion = done ? { at: context.now.toISOString(), by: context.actor.label } : null;
    if (!(await setChecklistTaskCompletion(trx, id, taskKey, completion))) {
      throw new AppError('NOT_FOUND', 'This enrollment has no checklist task with this key.');
    }
    await insertAuditEvent(trx, {
      enrollmentId: id,
      ...auditActor(context),
      action: done ? 'checklist.ticked' : 'checklist.unticked',
      details: { task: taskKey },
    });
    return presentChecklist(await listChecklistOf(trx, id), sendableTasks(await readTaskEmailSettings(trx)));
  });
}
