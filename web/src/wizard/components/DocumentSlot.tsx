import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { UPLOAD_SLOTS } from '../../../../src/shared/upload-slots.js';
import type { DraftFile } from '../api.js';
import { useWizardActions, useWizardState } from '../state/store.js';
import type { DocumentField, PendingUpload } from '../state/types.js';
import { formatBytes } from '../uploads/prepare-file.js';
import { RequestedNote, useRequested } from './ChangeRequest.js';
import { FilePicker } from './FilePicker.js';
import { FileThumbnail } from './FileThumbnail.js';
import { describedBy, FieldError, fieldId } from './fields.js';
import { SlotStatus, UploadStatus } from './UploadStatus.js';

function PageList(props: { label: string; pages: DraftFile[]; pending: PendingUpload[] }) {
  const { label, pages, pending } = props;
  const actions = useWizardActions();
  const { t } = useTranslation();
  if (pages.length + pending.length === 0) return null;
  return (
    <ul className="page-list">
      {pages.map((page, index) => (
        <li key={page.id} className="page-item">
          <FileThumbnail file={page} alt={t('documents.pageAlt', { label, page: index + 1 })} />
          <span className="page-name">
            {page.originalName} <span className="muted">({formatBytes(page.sizeBytes)})</span>
          </span>
          <button type="button" className="button link" onClick={() => void actions.uploads.removeFile(page.id)}>
            {t('documents.remove')}
            <span className="visually-hidden"> {t('documents.removePage', { page: index + 1, label })}</span>
          </button>
        </li>
      ))}
      {pending.map((upload) => (
        <li key={upload.id} className="page-item pending">
          <span className="page-name">{upload.fileName}</span>
          <UploadStatus upload={upload} />
        </li>
      ))}
    </ul>
  );
}

/** A document of one or more pages (photos or PDFs), with the fields that belong to it. */
export function DocumentSlot({ field, children }: { field: DocumentField; children?: ReactNode }) {
  const { files, uploads, errors } = useWizardState();
  const actions = useWizardActions();
  const { t } = useTranslation();
  const slot = UPLOAD_SLOTS[field];
  const label = t(`fields.${field}`);
  const max = slot?.max ?? 5;
  const pages = files.filter((f) => f.field === field);
  const pending = uploads.filter((u) => u.field === field);
  const room = max - pages.length - pending.length;
  const error = errors[field];
  const titleId = `${field}-title`;
  const requested = useRequested(field);

  return (
    <section
      className={`document-slot${error ? ' invalid' : ''}${requested ? ' requested' : ''}`}
      aria-labelledby={titleId}
    >
      <h3 id={titleId}>{label}</h3>
      <RequestedNote field={field} />
      <p className="hint">{t('documents.pagesHint', { max })}</p>
      <PageList label={label} pages={pages} pending={pending} />
      <SlotStatus pending={pending} uploadedCount={pages.length} kind="page" />
      {room > 0 ? (
        <FilePicker
          id={fieldId(field)}
          label={pages.length > 0 ? t('documents.addAnotherPage') : t('documents.addPage')}
          context={`(${label})`}
          accept="image/*,application/pdf"
          multiple
          invalid={Boolean(error)}
          describedBy={describedBy(field, { error: true })}
          onFiles={(picked) => void actions.uploads.addFiles(field, picked)}
        />
      ) : (
        <p className="hint">{t('documents.mostPages')}</p>
      )}
      <FieldError field={field} message={error} live />
      {children}
    </section>
  );
}
