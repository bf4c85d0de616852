import { TextField } from '../components/fields.js';
import { useWizardState } from '../state/store.js';

export function VehicleStep() {
  const { vehicleHint, prefilled } = useWizardState();
  const filledFromVin = Object.keys(prefilled).length > 0;
  return (
    <>
      <p className="step-intro">
        The VIN is on the driver-side dashboard (seen through the windshield), the door frame, and your registration.
      </p>
      <TextField
        field="vin"
        label="VIN (vehicle identification number)"
        hint="17 letters and digits. We check it as you type and fill in the vehicle for you."
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
      {filledFromVin ? <p className="hint">Filled in from the VIN; correct anything that looks wrong.</p> : null}
      <div className="field-row">
        <TextField field="color" autoComplete="off" maxLength={30} />
        <TextField field="plate" autoComplete="off" maxLength={15} />
      </div>
    </>
  );
}
