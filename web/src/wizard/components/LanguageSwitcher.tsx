/** English or Spanish, on every screen; the choice is kept in the browser and in the draft. */
import { useTranslation } from 'react-i18next';
import { currentLanguage, type Language } from '../i18n/i18n.js';
import { useWizardActions } from '../state/store.js';

const CHOICES: readonly Language[] = ['en', 'es'];

export function LanguageSwitcher() {
  const { t } = useTranslation();
  const actions = useWizardActions();
  const current = currentLanguage();
  return (
    <div className="language-switcher">
      <label htmlFor="language-select">{t('language.label')}</label>
      <select
        id="language-select"
        value={current}
        onChange={(event) => actions.setLanguage(event.target.value as Language)}
      >
        {CHOICES.map((language) => (
          <option key={language} value={language} lang={language}>
            {t(`language.${language}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
