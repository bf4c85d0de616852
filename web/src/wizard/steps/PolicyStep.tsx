import { useCallback, useState } from 'react';
import { normalizeState } from '../../../../src/shared/us-states.js';
import type { Policy } from '../api.js';
import { describedBy, FieldError, fieldId, TextAreaField } from '../components/fields.js';
import { PolicyText } from '../components/PolicyText.js';
import { SignatureField } from '../components/SignatureField.js';
import { useWizardActions, useWizardState } from '../state/store.js';

function Acknowledgement() {
  const { values, errors } = useWizardState();
  const actions = useWizardActions();
  const error = errors.policyAcknowledged;
  return (
    <div className="field">
      <label className="checkbox acknowledgement">
        <input
          id={fieldId('policyAcknowledged')}
          type="checkbox"
          checked={values.policyAcknowledged}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy('policyAcknowledged', { error: Boolean(error) })}
          onChange={(event) => actions.setAcknowledged(event.target.checked)}
        />
        <span>I have read the policy above and agree to its terms.</span>
      </label>
      <FieldError field="policyAcknowledged" message={error} />
    </div>
  );
}

export function PolicyStep() {
  const { values } = useWizardState();
  const actions = useWizardActions();
  const state = normalizeState(values.state) ?? values.state;
  const [policyShown, setPolicyShown] = useState(false);
  const onLoaded = useCallback(
    (policy: Policy | null) => {
      setPolicyShown(policy !== null);
      if (policy) actions.policyShown(policy.sha256);
    },
    [actions],
  );
  return (
    <>
      <p className="step-intro">Read the vehicle policy for your state, then confirm and sign.</p>
      <PolicyText state={state} onLoaded={onLoaded} />
      {policyShown ? (
        <>
          <Acknowledgement />
          <SignatureField />
          <TextAreaField field="comment" label="Anything we should know?" maxLength={500} />
        </>
      ) : null}
    </>
  );
}
