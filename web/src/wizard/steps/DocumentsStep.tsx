import { DocumentSlot } from '../components/DocumentSlot.js';
import { TextField } from '../components/fields.js';
import { PhotoSlot } from '../components/PhotoSlot.js';
import { PHOTO_FIELDS } from '../state/types.js';
import { localIsoDate } from '../validation/validate-step.js';

export function DocumentsStep() {
  const today = localIsoDate(new Date());
  return (
    <>
      <p className="step-intro">
        Take four photos of the vehicle, one from each side, in daylight with the whole vehicle in the frame. Each photo
        is saved as soon as you pick it.
      </p>
      <div className="photo-grid">
        {PHOTO_FIELDS.map((field) => (
          <PhotoSlot key={field} field={field} />
        ))}
      </div>
      <DocumentSlot field="insurance">
        <TextField field="insuranceExpiration" type="date" min={today} />
        <div className="field-row">
          <TextField field="insuranceProvider" autoComplete="off" maxLength={100} />
          <TextField field="insurancePolicyNumber" autoComplete="off" maxLength={60} />
        </div>
      </DocumentSlot>
      <DocumentSlot field="registration">
        <TextField field="registrationExpiration" type="date" min={today} />
      </DocumentSlot>
    </>
  );
}
