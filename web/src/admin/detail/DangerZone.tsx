/**
 * Delete and purge sit apart from the everyday decisions, at the foot of the page under their
 * own heading, so a reviewer moving fast cannot hit one while reaching for Approve.
 */
import type { OpenDialog } from './ActionDialogSet.js';
import { DialogButton } from './ReviewActions.js';

export function DangerZone({ deleted, onOpen }: { deleted: boolean; onOpen(dialog: OpenDialog): void }) {
  return (
    <section aria-labelledby="danger-heading" className="panel danger-zone" data-testid="danger-zone">
      <h2 id="danger-heading">Danger zone</h2>
      <div className="danger-action">
        <p>
          {deleted
            ? 'Deleted: restore it above, or purge it now.'
            : 'Delete takes the enrollment off the list; it can be restored for 30 days.'}
        </p>
        {deleted ? null : <DialogButton label="Delete…" danger onOpen={() => onOpen('delete')} />}
      </div>
      <div className="danger-action">
        <p>Purge removes every revision, document and history entry for good.</p>
        <DialogButton label="Purge…" danger onOpen={() => onOpen('purge')} />
      </div>
    </section>
  );
}
