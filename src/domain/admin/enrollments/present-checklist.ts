import type { ChecklistTasksTable } from '../../../storage/database.js';

/** The checklist as the API shows it: tasks in order, with who ticked them when, and progress. */
export function presentChecklist(rows: ChecklistTasksTable[]) {
  return {
    checklist: rows.map((t) => ({
      key: t.task_key,
      label: t.label,
      completedAt: t.completed_at,
      completedBy: t.completed_by,
    })),
    checklistProgress: { done: rows.filter((t) => t.completed_at !== null).length, total: rows.length },
  };
}
