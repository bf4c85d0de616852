import { useTranslation } from 'react-i18next';
import { useWizardActions, useWizardState } from '../state/store.js';
import type { PhotoField } from '../state/types.js';
import { RequestedNote, useRequested } from './ChangeRequest.js';
import { FilePicker } from './FilePicker.js';
import { FileThumbnail } from './FileThumbnail.js';
import { describedBy, FieldError, fieldId } from './fields.js';
import { Silhouette } from './Silhouette.js';
import { SlotStatus, UploadStatus } from './UploadStatus.js';

/** One guided photo: an example drawing until a photo is picked, then its preview. */
export function PhotoSlot({ field }: { field: PhotoField }) {
  const { files, uploads, errors } = useWizardState();
  const actions = useWizardActions();
  const { t } = useTranslation();
  const label = t(`fields.${field}`);
  const file = files.find((f) => f.field === field);
  const pending = uploads.find((u) => u.field === field);
  const error = errors[field];
  const requested = useRequested(field);

  return (
    <fieldset className={`photo-slot${error ? ' invalid' : ''}${requested ? ' requested' : ''}`}>
      <legend>
        <h3 className="slot-title">{label}</h3>
      </legend>
      <RequestedNote field={field} />
      <div className="photo-slot-preview">
        {pending?.previewUrl ? (
          <img className="thumbnail" src={pending.previewUrl} alt={t('documents.newPhotoAlt', { label })} />
        ) : file ? (
          <FileThumbnail file={file} alt={t('documents.photoAlt', { label })} />
        ) : (
          <Silhouette field={field} />
        )}
      </div>
      <SlotStatus pending={pending ? [pending] : []} uploadedCount={file ? 1 : 0} kind="photo" />
      {pending ? <UploadStatus upload={pending} /> : null}
      <div className="button-row">
        <FilePicker
          id={fieldId(field)}
          label={file || pending ? t('documents.replacePhoto') : t('documents.takePhoto')}
          context={`(${label})`}
          accept="image/*"
          capture="environment"
          invalid={Boolean(error)}
          describedBy={describedBy(field, { error: true })}
          onFiles={(picked) => void actions.uploads.addFiles(field, picked)}
        />
        {file && !pending ? (
          <button type="button" className="button link" onClick={() => void actions.uploads.removeFile(file.id)}>
            {t('documents.remove')}
            <span className="visually-hidden"> {t('documents.removePhoto', { label })}</span>
          </button>
        ) : null}
      </div>
      <FieldError field={field} message={error} live />
    </fieldset>
  );
}
