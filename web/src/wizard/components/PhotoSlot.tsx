import { UPLOAD_SLOTS } from '../../../../src/shared/upload-slots.js';
import { useWizardActions, useWizardState } from '../state/store.js';
import type { PhotoField } from '../state/types.js';
import { RequestedNote, useRequested } from './ChangeRequest.js';
import { FilePicker } from './FilePicker.js';
import { FileThumbnail } from './FileThumbnail.js';
import { describedBy, FieldError, fieldId } from './fields.js';
import { Silhouette } from './Silhouette.js';
import { slotStatusText, UploadStatus } from './UploadStatus.js';

/** One guided photo: an example drawing until a photo is picked, then its preview. */
export function PhotoSlot({ field }: { field: PhotoField }) {
  const { files, uploads, errors } = useWizardState();
  const actions = useWizardActions();
  const label = UPLOAD_SLOTS[field]?.label ?? field;
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
          <img className="thumbnail" src={pending.previewUrl} alt={`New photo: ${label}`} />
        ) : file ? (
          <FileThumbnail file={file} alt={`Photo: ${label}`} />
        ) : (
          <Silhouette field={field} />
        )}
      </div>
      <p className="slot-status" role="status">
        {slotStatusText(pending ? [pending] : [], file ? 1 : 0, 'Photo')}
      </p>
      {pending ? <UploadStatus upload={pending} /> : null}
      <div className="button-row">
        <FilePicker
          id={fieldId(field)}
          label={file || pending ? 'Replace photo' : 'Take or choose photo'}
          context={`(${label})`}
          accept="image/*"
          capture="environment"
          invalid={Boolean(error)}
          describedBy={describedBy(field, { error: true })}
          onFiles={(picked) => void actions.uploads.addFiles(field, picked)}
        />
        {file && !pending ? (
          <button type="button" className="button link" onClick={() => void actions.uploads.removeFile(file.id)}>
            Remove<span className="visually-hidden"> photo ({label})</span>
          </button>
        ) : null}
      </div>
      <FieldError field={field} message={error} live />
    </fieldset>
  );
}
