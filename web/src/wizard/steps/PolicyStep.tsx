import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { normalizeState } from '../../../../src/shared/us-states.js';
import type { Policy } from '../api.js';
import { describedBy, FieldError, fieldId, TextAreaField } from '../components/fields.js';
import { PolicyText } from '../components/PolicyText.js';
import { SignatureField } from '../components/SignatureField.js';
import { useWizardActions, useWizardState } from '../state/store.js';

function Acknowledgement() {
  const { values, errors } = useWizardState();
  const actions = useWizardActions();
  const { t } = useTranslation();
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
        <span>{t('policy.acknowledge')}</span>
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
  const [policyLanguage, setPolicyLanguage] = useState<string | undefined>();
  const { t, i18n } = useTranslation();
  const onLoaded = useCallback(
    (policy: Policy | null) => {
      setPolicyShown(policy !== null);
      setPolicyLanguage(policy?.language);
      if (policy) actions.policyShown(policy.sha256);
    },
    [actions],
  );
  return (
    <>
      <p className="step-intro">{t('policy.intro')}</p>
      <PolicyText state={state} onLoaded={onLoaded} />
      {policyShown ? (
        <>
          {i18n.language === 'es' && policyLanguage !== 'es' ? (
            <p className="notice" lang="es">
              {t('policy.englishOnly')}
            </p>
          ) : null}
          <Acknowledgement />
          <SignatureField />
          <TextAreaField field="comment" label={t('policy.comment')} maxLength={500} />
        </>
      ) : null}
    </>
  );
}
