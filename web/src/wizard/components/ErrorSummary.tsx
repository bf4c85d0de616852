import type { MouseEvent, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorKey, FieldErrors } from '../state/types.js';
import { fieldId } from './fields.js';

function jumpToField(event: MouseEvent, key: ErrorKey): void {
  const target = document.getElementById(fieldId(key));
  if (!target) return;
  event.preventDefault();
  target.focus();
}

/**
 * The problems that stopped Next or Submit, announced as an alert. Each one links to its
 * field, where the same message is printed beside the input.
 */
export function ErrorSummary({ errors, ref }: { errors: FieldErrors; ref?: Ref<HTMLDivElement> }) {
  const entries = Object.entries(errors) as [ErrorKey, string][];
  const { t } = useTranslation();
  return (
    <div ref={ref} className={entries.length > 0 ? 'error-summary' : 'error-summary empty'} role="alert" tabIndex={-1}>
      {entries.length > 0 ? (
        <>
          <p className="error-summary-title">{t('errors.title', { count: entries.length })}</p>
          <ul>
            {entries.map(([key, message]) => (
              <li key={key}>
                {key === 'form' ? (
                  message
                ) : (
                  <a href={`#${fieldId(key)}`} onClick={(event) => jumpToField(event, key)}>
                    {message}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
