import { useTranslation } from 'react-i18next';
/**
 * The keyboard- and screen-reader-friendly way to sign: type your name, see it in a
 * handwriting font; it is drawn onto a canvas and stored as the same kind of PNG.
 */
import { useWizardActions, useWizardState } from '../state/store.js';

export function TypeSignature({ describedBy }: { describedBy?: string }) {
  const { signature, values } = useWizardState();
  const actions = useWizardActions();
  const { t } = useTranslation();
  return (
    <div className="signature-type">
      <div className="field">
        <label htmlFor="signature-typed-name">{t('signature.typeLabel')}</label>
        <input
          id="signature-typed-name"
          type="text"
          autoComplete="name"
          value={signature.typedName}
          placeholder={values.fullName}
          maxLength={100}
          aria-describedby={describedBy}
          onChange={(event) => actions.changeSignature({ typedName: event.target.value })}
        />
      </div>
      <p className="typed-signature-preview" aria-hidden="true">
        {signature.typedName.trim() || '\u00a0'}
      </p>
    </div>
  );
}
