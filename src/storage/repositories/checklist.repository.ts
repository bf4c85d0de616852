import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { newId } from '../ids.js';

export interface ChecklistTaskDefinition {
  key: string;
  label: string;
}

/** The onboarding tasks of the earlier system; the settings key `checklist.tasks` overrides them. */
export const DEFAULT_CHECKLIST: readonly ChecklistTaskDefinition[] = [
  { key: 'approved_synced', label: 'Enrollment approved and synced to the dashboard' },
  { key: 'policy_hr', label: 'Signed policy sent to HR paperwork' },
  { key: 'mileage_form', label: 'Mileage form created' },
  { key: 'supplies_magnets', label: 'Supplies notified for magnets' },
  { key: 'fleet_inventory', label: 'Fleet and inventory notified' },
  { key: 'survey_30day', label: '30-day survey completed' },
];

export async function readChecklistDefinition(db: Kysely<Database>): Promise<readonly ChecklistTaskDefinition[]> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'checklist.tasks').executeTakeFirst();
  if (!row) return DEFAULT_CHECKLIST;
  const parsed: unknown = JSON.parse(row.value);
  return Array.isArray(parsed) ? (parsed as ChecklistTaskDefinition[]) : DEFAULT_CHECKLIST;
}

export async function createChecklist(
  db: Kysely<Database>,
  enrollmentId: string,
  tasks: readonly ChecklistTaskDefinition[],
): Promise<void> {
  if (tasks.length === 0) return;
  await db
    .insertInto('checklist_tasks')
    .values(
      tasks.map((task, position) => ({
        id: newId(),
        enrollment_id: enrollmentId,
        task_key: task.key,
        label: task.label,
        position,
        completed_at: null,
        completed_by: null,
      })),
    )
    .execute();
}

export async function listChecklistOf(db: Kysely<Database>, enrollmentId: string) {
  return db
    .selectFrom('checklist_tasks')
    .selectAll()
    .where('enrollment_id', '=', enrollmentId)
    .orderBy('position')
    .execute();
}

/** Saves the task list new enrollments get (existing checklists keep theirs). */
export async function saveChecklistDefinition(
  db: Kysely<Database>,
  tasks: readonly ChecklistTaskDefinition[],
  now: string,
): Promise<void> {
  const value = JSON.stringify(tasks);
  await db
    .insertInto('settings')
    .values({ key: 'checklist.tasks', value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
}

/** Ticks (with who and when) or unticks one task; false when the enrollment has no such task. */
export async function setChecklistTaskCompletion(
  db: Kysely<Database>,
  enrollmentId: string,
  taskKey: string,
  completion: { at: string; by: string } | null,
): Promise<boolean> {
  const result = await db
    .updateTable('checklist_tasks')
    .set({ completed_at: completion?.at ?? null, completed_by: completion?.by ?? null })
    .where('enrollment_id', '=', enrollmentId)
    .where('task_key', '=', taskKey)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ticks a task that is still open; false when it was already done (or does not exist). */
export async function completeOpenTask(
  db: Kysely<Database>,
  enrollmentId: string,
  taskKey: string,
  completion: { at: string; by: string },
): Promise<boolean> {
  const result = await db
    .updateTable('checklist_tasks')
    .set({ completed_at: completion.at, completed_by: completion.by })
    .where('enrollment_id', '=', enrollmentId)
    .where('task_key', '=', taskKey)
    .where('completed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Carries ticks from one revision's checklist to the next, for the tasks both have. */
export async function copyCompletedTasks(db: Kysely<Database>, fromEnrollmentId: string, toEnrollmentId: string) {
  const done = await db
    .selectFrom('checklist_tasks')
    .select(['task_key', 'completed_at', 'completed_by'])
    .where('enrollment_id', '=', fromEnrollmentId)
    .where('completed_at', 'is not', null)
    .execute();
  for (const task of done) {
    await db
      .updateTable('checklist_tasks')
      .set({ completed_at: task.completed_at, completed_by: task.completed_by })
      .where('enrollment_id', '=', toEnrollmentId)
      .where('task_key', '=', task.task_key)
      .execute();
  }
}
