import { useTranslation } from 'react-i18next';
import { DocumentSlot } from '../components/DocumentSlot.js';
import { TextField } from '../components/fields.js';
import { PhotoSlot } from '../components/PhotoSlot.js';
import { PHOTO_FIELDS } from '../state/types.js';
import { localIsoDate } from '../validation/validate-step.js';

export function DocumentsStep() {
  const today = localIsoDate(new Date());
  const { t } = useTranslation();
  return (
    <>
      <p className="step-intro">{t('documents.intro')}</p>
      <div className="photo-grid">
        {PHOTO_FIELDS.map((field) => (
          <PhotoSlot key={field} field={field} />
        ))}
      </div>
      <DocumentSlot field="insurance">
        <TextField field="insuranceExpiration" type="date" min={today} hint={t('field.dateHint')} />
        <div className="field-row">
          <TextField field="insuranceProvider" autoComplete="off" maxLength={100} />
          <TextField field="insurancePolicyNumber" autoComplete="off" maxLength={60} />
        </div>
      </DocumentSlot>
      <DocumentSlot field="registration">
        <TextField field="registrationExpiration" type="date" min={today} hint={t('field.dateHint')} />
      </DocumentSlot>
    </>
  );
}
