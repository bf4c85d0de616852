/**
 * One task of the checklist editor: its label, and buttons to move it or remove it. The task's
 * internal key (used by the API) is never shown: people know a task by its label.
 */
interface Props {
  task: { key: string; label: string };
  index: number;
  count: number;
  onLabel(label: string): void;
  onMove(by: number): void;
  onRemove(): void;
}

export function TaskRow({ task, index, count, onLabel, onMove, onRemove }: Props) {
  const id = `task-label-${task.key}`;
  return (
    <li className="task-row">
      <label htmlFor={id} className="visually-hidden">
        Task {index + 1} label
      </label>
      <input
        id={id}
        type="text"
        maxLength={120}
        required
        value={task.label}
        onChange={(event) => onLabel(event.target.value)}
      />
      <div className="button-row">
        <button
          type="button"
          className="button secondary small"
          aria-label={`Move “${task.label}” up`}
          disabled={index === 0}
          onClick={() => onMove(-1)}
        >
          Up
        </button>
        <button
          type="button"
          className="button secondary small"
          aria-label={`Move “${task.label}” down`}
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        >
          Down
        </button>
        <button
          type="button"
          className="button link small"
          aria-label={`Remove “${task.label}”`}
          disabled={count === 1}
          onClick={onRemove}
        >
          Remove
        </button>
      </div>
    </li>
  );
}
