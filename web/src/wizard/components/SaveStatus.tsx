import { useTranslation } from 'react-i18next';
import { useWizardState } from '../state/store.js';

/** Whether the draft on the server holds the latest answers; announced politely. */
export function SaveStatus() {
  const { save } = useWizardState();
  const { t } = useTranslation();
  const text =
    save.status === 'idle'
      ? ''
      : save.status === 'failed' && save.message
        ? t('save.failedWith', { message: save.message })
        : t(`save.${save.status}`);
  return (
    <p className={`save-status ${save.status}`} role="status" data-status={save.status}>
      {text}
    </p>
  );
}
