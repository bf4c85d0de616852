/**
 * Settings (admins): the onboarding checklist that new enrollments get (tasks can be renamed,
 * reordered, added and removed; enrollments already submitted keep their own list and ticks),
 * and the e-mail settings: inbox and reminders, the approval notification, the checklist
 * tasks' e-mails and the texts of every message.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, type ChecklistDefinition, getChecklistSettings, saveChecklistSettings } from '../api.js';
import { ErrorNotice, Loading, useAnnounce } from '../components/Notices.js';
import { usePageTitle } from '../page-title.js';
import { ApprovalNoticeSettings } from '../settings/ApprovalNoticeSettings.js';
import { EmailSettings } from '../settings/EmailSettings.js';
import { MessageTemplates } from '../settings/MessageTemplates.js';
import { TaskEmailSettings } from '../settings/TaskEmailSettings.js';
import { TaskRow } from '../settings/TaskRow.js';
import { useResource } from '../use-resource.js';

type Task = ChecklistDefinition['tasks'][number];

/** A key for a new task from its label: "Fleet notified" → "fleet_notified". */
export function keyFromLabel(label: string, taken: Set<string>): string {
  const base =
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 36) || 'task';
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  return key;
}

/** The tasks being edited, with the moves the editor offers. */
function useTaskList(initial: ChecklistDefinition) {
  const [tasks, setTasks] = useState<Task[]>(initial.tasks);
  useEffect(() => setTasks(initial.tasks), [initial]);
  return {
    tasks,
    replace: setTasks,
    rename: (key: string, label: string) => setTasks((list) => list.map((t) => (t.key === key ? { ...t, label } : t))),
    remove: (key: string) => setTasks((list) => list.filter((t) => t.key !== key)),
    add: (label: string) =>
      setTasks((list) => [...list, { key: keyFromLabel(label, new Set(list.map((t) => t.key))), label }]),
    move: (index: number, by: number) =>
      setTasks((list) => {
        const next = [...list];
        const [task] = next.splice(index, 1);
        if (task) next.splice(index + by, 0, task);
        return next;
      }),
  };
}

function NewTaskField({ onAdd }: { onAdd(label: string): void }) {
  const [label, setLabel] = useState('');
  const add = () => {
    if (label.trim() === '') return;
    onAdd(label.trim());
    setLabel('');
  };
  return (
    <div className="field">
      <label htmlFor="new-task">New task</label>
      <div className="inline-input">
        <input
          id="new-task"
          type="text"
          maxLength={120}
          value={label}
          onChange={(event) => setLabel(event.target.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            // Enter adds the task rather than saving the whole list.
            event.preventDefault();
            add();
          }}
        />
        <button type="button" className="button secondary" onClick={add}>
          Add task
        </button>
      </div>
    </div>
  );
}

function ChecklistEditor({ initial }: { initial: ChecklistDefinition }) {
  const list = useTaskList(initial);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const announce = useAnnounce();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const saved = await saveChecklistSettings({
        tasks: list.tasks.map((t) => ({ key: t.key, label: t.label.trim() })),
      });
      list.replace(saved.tasks);
      announce('Checklist saved. New enrollments get these tasks.');
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'The checklist could not be saved.');
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(event) => void save(event)} className="panel" aria-labelledby="checklist-settings-heading">
      <h2 id="checklist-settings-heading">Onboarding checklist</h2>
      <p className="muted">New enrollments get these tasks, in this order. Existing enrollments keep theirs.</p>
      <ol className="task-editor">
        {list.tasks.map((task, index) => (
          <TaskRow
            key={task.key}
            task={task}
            index={index}
            count={list.tasks.length}
            onLabel={(label) => list.rename(task.key, label)}
            onMove={(by) => list.move(index, by)}
            onRemove={() => list.remove(task.key)}
          />
        ))}
      </ol>
      <NewTaskField onAdd={list.add} />
      <p role="alert" className="field-error">
        {error}
      </p>
      <button type="submit" className="button primary" disabled={saving}>
        {saving ? 'Saving…' : 'Save checklist'}
      </button>
    </form>
  );
}

export function SettingsPage() {
  usePageTitle('Settings');
  const settings = useResource(getChecklistSettings, 'checklist-settings');
  return (
    <>
      <h1 tabIndex={-1}>Settings</h1>
      <ErrorNotice error={settings.error} onRetry={settings.reload} />
      {settings.data ? (
        <ChecklistEditor initial={settings.data} />
      ) : settings.loading ? (
        <Loading what="settings" />
      ) : null}
      <EmailSettings />
      <ApprovalNoticeSettings />
      <TaskEmailSettings />
      <MessageTemplates />
    </>
  );
}
