import { useTranslation } from 'react-i18next';
import { useWizardActions, useWizardState } from '../state/store.js';
import type { SignatureMode } from '../state/types.js';
import { DrawSignature } from './DrawSignature.js';
import { describedBy, FieldError, fieldId } from './fields.js';
import { TypeSignature } from './TypeSignature.js';

const MODES: { mode: SignatureMode; label: string }[] = [
  { mode: 'draw', label: 'signature.draw' },
  { mode: 'type', label: 'signature.type' },
];

/** Choose how to sign, sign, and see the signature already saved in the draft (after a resume). */
export function SignatureField() {
  const { signature, files, errors } = useWizardState();
  const actions = useWizardActions();
  const { t } = useTranslation();
  const error = errors.signature;
  const saved = files.find((f) => f.field === 'signature');
  const showSaved = saved && signature.strokes.length === 0 && signature.typedName.trim() === '';
  const errorIds = describedBy('signature', { error: Boolean(error) });

  return (
    <fieldset className="field signature" aria-describedby={errorIds}>
      <legend>{t('signature.legend')}</legend>
      {showSaved ? (
        <figure className="saved-signature">
          <img src={saved.url} alt={t('signature.savedAlt')} />
          <figcaption className="hint">{t('signature.saved')}</figcaption>
        </figure>
      ) : null}
      <div className="segmented" role="radiogroup" aria-label={t('signature.how')}>
        {MODES.map(({ mode, label }, index) => (
          <label key={mode} className={signature.mode === mode ? 'segment selected' : 'segment'}>
            <input
              type="radio"
              name="signature-mode"
              id={index === 0 ? fieldId('signature') : undefined}
              checked={signature.mode === mode}
              aria-invalid={error ? true : undefined}
              onChange={() => actions.changeSignature({ mode })}
            />
            {t(label)}
          </label>
        ))}
      </div>
      {signature.mode === 'draw' ? (
        <>
          <p className="hint" id="signature-draw-hint">
            {t('signature.drawHint')}
          </p>
          <DrawSignature describedBy="signature-draw-hint" />
        </>
      ) : (
        <TypeSignature describedBy={errorIds} />
      )}
      <FieldError field="signature" message={error} />
    </fieldset>
  );
}
