import { useTranslation } from 'react-i18next';
import { INDUSTRIES } from '../../../../src/shared/enrollment.schema.js';
import { useWizardActions, useWizardState } from '../state/store.js';
import { describedBy, FieldError, fieldId } from './fields.js';

/** The product lines the technician services; none is a valid answer. */
export function IndustriesField() {
  const { values, errors } = useWizardState();
  const actions = useWizardActions();
  const { t } = useTranslation();
  const error = errors.industries;
  const toggle = (industry: string, checked: boolean) => {
    const chosen = new Set(values.industries);
    if (checked) chosen.add(industry);
    else chosen.delete(industry);
    // Keep the schema's order so the saved list does not depend on click order.
    actions.setIndustries(INDUSTRIES.filter((item) => chosen.has(item)));
  };
  return (
    <fieldset
      className="field checkbox-group"
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy('industries', { error: Boolean(error) })}
    >
      <legend>
        {t('technician.industries')} <span className="optional">{t('field.optional')}</span>
      </legend>
      <div className="checkbox-grid">
        {INDUSTRIES.map((industry, index) => (
          <label key={industry} className="checkbox">
            <input
              type="checkbox"
              id={index === 0 ? fieldId('industries') : undefined}
              checked={values.industries.includes(industry)}
              onChange={(event) => toggle(industry, event.target.checked)}
            />
            <span>{t(`industries.${industry}`)}</span>
          </label>
        ))}
      </div>
      <FieldError field="industries" message={error} />
    </fieldset>
  );
}
