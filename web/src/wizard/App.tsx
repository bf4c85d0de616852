import { useTranslation } from 'react-i18next';
import { Confirmation } from './Confirmation.js';
import { LanguageSwitcher } from './components/LanguageSwitcher.js';
import { StartScreen } from './components/StartScreen.js';
import { useWizardActions, useWizardState } from './state/store.js';
import { Wizard } from './Wizard.js';

function Unavailable({ message }: { message: string | null }) {
  const actions = useWizardActions();
  const { t } = useTranslation();
  return (
    <div className="notice error" role="alert">
      <p>{message ?? t('app.unavailable')}</p>
      <button type="button" className="button primary" onClick={() => void actions.start()}>
        {t('app.tryAgain')}
      </button>
    </div>
  );
}

export function App() {
  const state = useWizardState();
  const { t } = useTranslation();
  return (
    <div className="page">
      <header className="site-header">
        <div className="site-header-row">
          <p className="brand" aria-hidden="true">
            BYOV
          </p>
          <LanguageSwitcher />
        </div>
        <h1>{t('app.title')}</h1>
      </header>
      <main>
        {state.phase === 'starting' ? <p role="status">{t('app.loading')}</p> : null}
        {state.phase === 'unavailable' ? <Unavailable message={state.startupError} /> : null}
        {state.phase === 'ready' && state.intro ? <StartScreen /> : null}
        {state.phase === 'ready' && !state.intro ? <Wizard /> : null}
        {state.phase === 'submitted' && state.confirmation ? <Confirmation result={state.confirmation} /> : null}
      </main>
    </div>
  );
}
