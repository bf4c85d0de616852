/**
 * The body of an action dialog: a form whose submit runs the action, shows "Working…" while it
 * runs, and prints the server's refusal inside the dialog (announced), leaving the dialog open
 * so nothing typed is lost.
 */
import { type FormEvent, type ReactNode, useState } from 'react';
import { ApiError } from '../api.js';

interface Props {
  submitLabel: string;
  danger?: boolean;
  canSubmit?: boolean;
  /** Focus the submit button when the dialog opens (a confirmation with nothing to type). */
  autoFocusSubmit?: boolean;
  onSubmit(): Promise<void>;
  onCancel(): void;
  children: ReactNode;
}

export function ActionForm(props: Props) {
  const {
    submitLabel,
    danger = false,
    canSubmit = true,
    autoFocusSubmit = false,
    onSubmit,
    onCancel,
    children,
  } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'The action failed. Please try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)} className="action-form">
      {children}
      <p role="alert" className="field-error">
        {error}
      </p>
      <div className="button-row">
        <button
          type="submit"
          className={`button ${danger ? 'danger' : 'primary'}`}
          disabled={busy || !canSubmit}
          data-autofocus={autoFocusSubmit ? true : undefined}
        >
          {busy ? 'Working…' : submitLabel}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
