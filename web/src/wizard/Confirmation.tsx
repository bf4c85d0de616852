import { useEffect, useRef } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useWizardActions } from './state/store.js';
import type { Confirmation as Result } from './state/types.js';

/** What the technician sees after submitting: the reference, next steps and the signed policy. */
export function Confirmation({ result }: { result: Result }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { t } = useTranslation();
  const actions = useWizardActions();
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="confirmation" aria-labelledby="confirmation-heading">
      <h2 id="confirmation-heading" ref={headingRef} tabIndex={-1}>
        {t('confirmation.heading')}
      </h2>
      <p>
        <Trans
          i18nKey="confirmation.reference"
          values={{ reference: result.reference }}
          components={{ strong: <strong className="reference" data-testid="reference" /> }}
        />
      </p>
      <h3>{t('confirmation.nextTitle')}</h3>
      <ol className="next-steps">
        <li>{t('confirmation.nextReview')}</li>
        <li>
          {result.email ? (
            <Trans
              i18nKey="confirmation.nextContact"
              values={{ email: result.email }}
              components={{ strong: <strong /> }}
            />
          ) : (
            t('confirmation.nextContactNoEmail')
          )}
        </li>
      </ol>
      <p>
        <a className="button primary" href={result.policyPdfUrl} download data-testid="policy-pdf-link">
          {t('confirmation.download')}
        </a>
      </p>
      <p>
        <a
          href="/"
          onClick={(event) => {
            event.preventDefault();
            actions.startOver();
          }}
        >
          {t('confirmation.startNew')}
        </a>
      </p>
    </section>
  );
}
