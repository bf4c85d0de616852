import { useTranslation } from 'react-i18next';
import { US_STATES } from '../../../../src/shared/us-states.js';
import { SelectField, TextField } from '../components/fields.js';
import { IndustriesField } from '../components/IndustriesField.js';

const STATE_OPTIONS = US_STATES.map((state) => ({ value: state.code, label: state.name }));

export function TechnicianStep() {
  const { t } = useTranslation();
  return (
    <>
      <p className="step-intro">{t('technician.intro')}</p>
      <TextField field="fullName" autoComplete="name" maxLength={100} autoCapitalize="words" />
      <TextField
        field="techId"
        hint={t('technician.techIdHint')}
        autoComplete="off"
        maxLength={20}
        autoCapitalize="characters"
      />
      <TextField field="email" type="email" autoComplete="email" inputMode="email" maxLength={254} />
      <TextField field="phone" type="tel" autoComplete="tel" inputMode="tel" maxLength={30} />
      <div className="field-row">
        <TextField field="district" autoComplete="off" maxLength={40} />
        <SelectField field="state" label={t('fields.state')} options={STATE_OPTIONS} />
      </div>
      <TextField field="referredBy" autoComplete="off" maxLength={100} />
      <IndustriesField />
    </>
  );
}
