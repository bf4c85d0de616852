import type { ChecklistTasksTable } from '../../../storage/database.js';

/**
 * The checklist as the API shows it: tasks in order, with who ticked them when, whether the
 * task has an e-mail that can be sent (`sendable`: it has recipients in settings), and progress.
 */
export function presentChecklist(rows: ChecklistTasksTable[], sendable: ReadonlySet<string> = new Set()) {
  return {
    checklist: rows.map((t) => ({
      key: t.task_key,
      label: t.label,
      completedAt: t.completed_at,
      completedBy: t.completed_by,
      email: sendable.has(t.task_key),
    })),
    checklistProgress: { done: rows.filter((t) => t.completed_at !== null).length, total: rows.length },
  };
}
