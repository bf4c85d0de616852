import { useTranslation } from 'react-i18next';
import { TextField } from '../components/fields.js';
import { useWizardState } from '../state/store.js';

export function VehicleStep() {
  const { vehicleHint, prefilled } = useWizardState();
  const filledFromVin = Object.keys(prefilled).length > 0;
  const { t } = useTranslation();
  return (
    <>
      <p className="step-intro">{t('vehicle.intro')}</p>
      <TextField
        field="vin"
        label={t('vehicle.vinLabel')}
        hint={t('vehicle.vinHint')}
        autoComplete="off"
        autoCapitalize="characters"
        maxLength={24}
        liveError
      />
      <p className="vin-decoded" role="status">
        {vehicleHint}
      </p>
      <div className="field-row three">
        <TextField field="year" inputMode="numeric" autoComplete="off" maxLength={4} />
        <TextField field="make" autoComplete="off" maxLength={40} />
        <TextField field="model" autoComplete="off" maxLength={60} />
      </div>
      {filledFromVin ? <p className="hint">{t('vehicle.filledFromVin')}</p> : null}
      <div className="field-row">
        <TextField field="color" autoComplete="off" maxLength={30} />
        <TextField field="plate" autoComplete="off" maxLength={15} />
      </div>
    </>
  );
}
