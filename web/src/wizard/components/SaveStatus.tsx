import { useWizardState } from '../state/store.js';
import type { SaveStatus as Status } from '../state/types.js';

const TEXT: Record<Status, string> = {
  idle: '',
  saving: 'Saving…',
  saved: 'Saved',
  offline: 'Offline — will retry',
  failed: 'Not saved',
};

/** Whether the draft on the server holds the latest answers; announced politely. */
export function SaveStatus() {
  const { save } = useWizardState();
  const text = save.status === 'failed' && save.message ? `Not saved: ${save.message}` : TEXT[save.status];
  return (
    <p className={`save-status ${save.status}`} role="status" data-status={save.status}>
      {text}
    </p>
  );
}
