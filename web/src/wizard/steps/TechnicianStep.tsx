import { US_STATES } from '../../../../src/shared/us-states.js';
import { SelectField, TextField } from '../components/fields.js';
import { IndustriesField } from '../components/IndustriesField.js';

const STATE_OPTIONS = US_STATES.map((state) => ({ value: state.code, label: state.name }));

export function TechnicianStep() {
  return (
    <>
      <p className="step-intro">Tell us who you are. We use your email to contact you about this enrollment.</p>
      <TextField field="fullName" label="Full name" autoComplete="name" maxLength={100} autoCapitalize="words" />
      <TextField
        field="techId"
        label="Tech ID"
        hint="Letters, digits and dashes, as on your badge."
        autoComplete="off"
        maxLength={20}
        autoCapitalize="characters"
      />
      <TextField field="email" label="Email" type="email" autoComplete="email" inputMode="email" maxLength={254} />
      <TextField
        field="phone"
        label="Mobile phone"
        type="tel"
        autoComplete="tel"
        inputMode="tel"
        maxLength={30}
        optional
      />
      <div className="field-row">
        <TextField field="district" label="District" autoComplete="off" maxLength={40} />
        <SelectField field="state" label="State" options={STATE_OPTIONS} />
      </div>
      <TextField field="referredBy" label="Referred by" autoComplete="off" maxLength={100} optional />
      <IndustriesField />
    </>
  );
}
