import { useTranslation } from 'react-i18next';
/**
 * What an admin asked to change, shown at the top of the wizard opened from their request,
 * and the mark each of those fields carries until its answer changes.
 */
import { isStillRequested } from '../state/reducer.js';
import { useWizardState } from '../state/store.js';

export function useRequested(field: string): boolean {
  return isStillRequested(useWizardState(), field);
}

export function RequestedNote({ field }: { field: string }) {
  const { t } = useTranslation();
  if (!useRequested(field)) return null;
  return (
    <p className="requested-note" data-requested-field={field}>
      {t('changeRequest.note')}
    </p>
  );
}

export function ChangeRequestBanner() {
  const state = useWizardState();
  const request = state.changeRequest;
  const { t } = useTranslation();
  if (!request) return null;
  return (
    <section className="change-request" aria-labelledby="change-request-heading" data-testid="change-request">
      <h2 id="change-request-heading">{t('changeRequest.heading')}</h2>
      <p className="change-request-message">{request.message}</p>
      {request.fields.length > 0 ? (
        <ul>
          {request.fields.map((field) => (
            <li key={field}>
              {t(isStillRequested(state, field) ? 'changeRequest.stillToChange' : 'changeRequest.changed', {
                label: t(`fields.${field}`, { defaultValue: field }),
              })}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
