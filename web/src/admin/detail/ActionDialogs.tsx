/** The review actions that need words from the admin: a reason, a message, a typed confirmation. */
import { useState } from 'react';
import type { EnrollmentField } from '../../../../src/shared/enrollment.schema.js';
import { UPLOAD_SLOTS } from '../../../../src/shared/upload-slots.js';
import type { Enrollment } from '../api.js';
import { Dialog } from '../components/Dialog.js';
import { FIELD_LABELS, fieldLabel } from '../labels.js';
import { ActionForm } from './ActionForm.js';

interface DialogProps {
  open: boolean;
  onClose(): void;
}

export function ApproveDialog({
  open,
  onClose,
  enrollment,
  onApprove,
}: DialogProps & { enrollment: Enrollment; onApprove(): Promise<void> }) {
  return (
    <Dialog title="Approve enrollment" open={open} onClose={onClose}>
      <ActionForm submitLabel="Approve" autoFocusSubmit onSubmit={onApprove} onCancel={onClose}>
        <p>
          Approve the enrollment of <strong>{enrollment.fullName}</strong> (
          <span className="reference">{enrollment.reference}</span>)? The approval is recorded in the history, and the
          approval notices set up in Settings are sent.
        </p>
      </ActionForm>
    </Dialog>
  );
}

export function RejectDialog({ open, onClose, onReject }: DialogProps & { onReject(reason: string): Promise<void> }) {
  const [reason, setReason] = useState('');
  return (
    <Dialog title="Reject enrollment" open={open} onClose={onClose}>
      <ActionForm
        submitLabel="Reject"
        danger
        canSubmit={reason.trim().length > 0}
        onSubmit={() => onReject(reason.trim())}
        onCancel={onClose}
      >
        <div className="field">
          <label htmlFor="reject-reason">Reason (recorded in the history)</label>
          <textarea
            id="reject-reason"
            data-autofocus
            rows={4}
            maxLength={1000}
            required
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        </div>
      </ActionForm>
    </Dialog>
  );
}

/** What a technician can be asked to redo: the answers (not the tech ID) and the uploads. */
const CHANGEABLE_FIELDS: string[] = [
  ...(Object.keys(FIELD_LABELS) as EnrollmentField[]).filter((f) => f !== 'techId' && f !== 'policyAcknowledged'),
  ...Object.keys(UPLOAD_SLOTS).filter((slot) => slot !== 'signature'),
];

export function RequestChangesDialog({
  open,
  onClose,
  onRequest,
}: DialogProps & { onRequest(fields: string[], message: string): Promise<void> }) {
  const [message, setMessage] = useState('');
  const [fields, setFields] = useState<string[]>([]);
  const toggle = (field: string, on: boolean) =>
    setFields((current) => CHANGEABLE_FIELDS.filter((f) => (f === field ? on : current.includes(f))));
  return (
    <Dialog title="Request changes" open={open} onClose={onClose} className="wide">
      <ActionForm
        submitLabel="Request changes"
        canSubmit={message.trim().length > 0}
        onSubmit={() => onRequest(fields, message.trim())}
        onCancel={onClose}
      >
        <div className="field">
          <label htmlFor="changes-message">Message to the technician</label>
          <textarea
            id="changes-message"
            data-autofocus
            rows={4}
            maxLength={2000}
            required
            value={message}
            onChange={(event) => setMessage(event.target.value)}
          />
        </div>
        <fieldset className="field">
          <legend>Fields to change</legend>
          <div className="checkbox-grid wide-labels">
            {CHANGEABLE_FIELDS.map((field) => (
              <label key={field} className="checkbox">
                <input
                  type="checkbox"
                  checked={fields.includes(field)}
                  onChange={(event) => toggle(field, event.target.checked)}
                />
                {fieldLabel(field)}
              </label>
            ))}
          </div>
        </fieldset>
      </ActionForm>
    </Dialog>
  );
}

export function DeleteDialog({ open, onClose, onDelete }: DialogProps & { onDelete(): Promise<void> }) {
  return (
    <Dialog title="Delete enrollment" open={open} onClose={onClose}>
      <ActionForm submitLabel="Delete" danger onSubmit={onDelete} onCancel={onClose}>
        <p>
          The enrollment leaves the list but is kept: it can be restored from the “Deleted” filter for 30 days, after
          which it is removed for good.
        </p>
      </ActionForm>
    </Dialog>
  );
}

export function PurgeDialog({
  open,
  onClose,
  reference,
  onPurge,
}: DialogProps & { reference: string; onPurge(typed: string): Promise<void> }) {
  const [typed, setTyped] = useState('');
  const matches = typed.trim().toUpperCase() === reference.toUpperCase();
  return (
    <Dialog title="Purge enrollment permanently" open={open} onClose={onClose}>
      <ActionForm
        submitLabel="Purge permanently"
        danger
        canSubmit={matches}
        onSubmit={() => onPurge(typed.trim())}
        onCancel={onClose}
      >
        <p>
          This removes every revision of this technician’s enrollment, its documents, checklist and history. It cannot
          be undone (only a backup taken before now still holds it).
        </p>
        <div className="field">
          <label htmlFor="purge-confirm">
            Type the reference <strong className="reference">{reference}</strong> to confirm
          </label>
          <input
            id="purge-confirm"
            type="text"
            data-autofocus
            autoComplete="off"
            spellCheck={false}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
          />
        </div>
      </ActionForm>
    </Dialog>
  );
}
