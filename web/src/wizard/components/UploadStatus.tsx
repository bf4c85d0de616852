import { useWizardActions } from '../state/store.js';
import type { PendingUpload } from '../state/types.js';

/** Progress, or the failure with Retry and Remove, for one file not yet in the draft. */
export function UploadStatus({ upload }: { upload: PendingUpload }) {
  const { uploads } = useWizardActions();
  if (upload.status === 'failed') {
    return (
      <div className="upload-status failed">
        <p className="field-error">
          {upload.fileName}: {upload.error}
        </p>
        <div className="button-row">
          <button type="button" className="button secondary small" onClick={() => void uploads.retry(upload.id)}>
            Retry upload<span className="visually-hidden"> of {upload.fileName}</span>
          </button>
          <button type="button" className="button link small" onClick={() => uploads.discard(upload.id)}>
            Remove<span className="visually-hidden"> {upload.fileName}</span>
          </button>
        </div>
      </div>
    );
  }
  const percent = Math.round(upload.progress * 100);
  return (
    <div className="upload-status">
      <progress
        max={100}
        value={upload.status === 'preparing' ? undefined : percent}
        aria-label={`Uploading ${upload.fileName}`}
      />
      <span className="upload-percent" aria-hidden="true">
        {upload.status === 'preparing' ? 'Preparing…' : `${percent}%`}
      </span>
    </div>
  );
}

/** A short, politely announced summary of a slot: uploading, uploaded or failed. */
export function slotStatusText(pending: readonly PendingUpload[], uploadedCount: number, noun: string): string {
  if (pending.some((u) => u.status === 'failed')) return 'Upload failed.';
  if (pending.length > 0) return 'Uploading…';
  if (uploadedCount === 0) return '';
  return uploadedCount === 1 ? `${noun} uploaded.` : `${uploadedCount} ${noun.toLowerCase()}s uploaded.`;
}
