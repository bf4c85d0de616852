import { useTranslation } from 'react-i18next';
import { useWizardActions } from '../state/store.js';
import type { PendingUpload } from '../state/types.js';

/** Progress, or the failure with Retry and Remove, for one file not yet in the draft. */
export function UploadStatus({ upload }: { upload: PendingUpload }) {
  const { uploads } = useWizardActions();
  const { t } = useTranslation();
  if (upload.status === 'failed') {
    return (
      <div className="upload-status failed">
        <p className="field-error">{t('documents.failedFile', { name: upload.fileName, error: upload.error })}</p>
        <div className="button-row">
          {upload.permanent ? null : (
            <button type="button" className="button secondary small" onClick={() => void uploads.retry(upload.id)}>
              {t('documents.retry')}
              <span className="visually-hidden"> {t('documents.retryOf', { name: upload.fileName })}</span>
            </button>
          )}
          <button type="button" className="button link small" onClick={() => uploads.discard(upload.id)}>
            {t('documents.remove')}
            <span className="visually-hidden"> {upload.fileName}</span>
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
        aria-label={t('documents.uploadingFile', { name: upload.fileName })}
      />
      <span className="upload-percent" aria-hidden="true">
        {upload.status === 'preparing' ? t('documents.preparing') : `${percent}%`}
      </span>
    </div>
  );
}

/**
 * A short, politely announced summary of a slot: uploading, uploaded or failed; the failure is
 * styled as an error (`failed`), the rest as plain status.
 */
export function SlotStatus(props: {
  pending: readonly PendingUpload[];
  uploadedCount: number;
  kind: 'photo' | 'page';
}) {
  const { pending, uploadedCount, kind } = props;
  const { t } = useTranslation();
  const failed = pending.some((u) => u.status === 'failed');
  let text = '';
  if (failed) text = t('documents.uploadFailed');
  else if (pending.length > 0) text = t('documents.uploading');
  else if (uploadedCount > 0) {
    text = kind === 'photo' ? t('documents.photoUploaded') : t('documents.pagesUploaded', { count: uploadedCount });
  }
  return (
    <p className={failed ? 'slot-status failed' : 'slot-status'} role="status" data-failed={failed || undefined}>
      {text}
    </p>
  );
}
