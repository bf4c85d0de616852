/** Before step 1: what to have ready, how long it takes, and that nothing typed is lost. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useWizardActions, useWizardState } from '../state/store.js';
import { ResumeForm } from './ResumeForm.js';

export function StartScreen() {
  const { t } = useTranslation();
  const actions = useWizardActions();
  const { notice } = useWizardState();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="start-screen" aria-labelledby="start-heading">
      {notice ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <h2 id="start-heading" ref={headingRef} tabIndex={-1}>
        {t('start.heading')}
      </h2>
      <p className="start-intro">{t('start.intro')}</p>
      <h3>{t('start.needTitle')}</h3>
      <ul className="start-needs">
        <li>{t('start.needVin')}</li>
        <li>{t('start.needPhotos')}</li>
        <li>{t('start.needInsurance')}</li>
        <li>{t('start.needRegistration')}</li>
      </ul>
      <p className="start-saved">{t('start.saved')}</p>
      <button type="button" className="button primary" onClick={actions.begin}>
        {t('start.begin')}
      </button>
      <ResumeForm />
    </section>
  );
}
