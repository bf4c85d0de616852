import { Confirmation } from './Confirmation.js';
import { useWizardActions, useWizardState } from './state/store.js';
import { Wizard } from './Wizard.js';

function Unavailable({ message }: { message: string }) {
  const actions = useWizardActions();
  return (
    <div className="notice error" role="alert">
      <p>{message}</p>
      <button type="button" className="button primary" onClick={() => void actions.start()}>
        Try again
      </button>
    </div>
  );
}

export function App() {
  const state = useWizardState();
  return (
    <div className="page">
      <header className="site-header">
        <p className="brand" aria-hidden="true">
          BYOV
        </p>
        <h1>Vehicle enrollment for technicians</h1>
      </header>
      <main>
        {state.phase === 'starting' ? <p role="status">Loading your enrollment…</p> : null}
        {state.phase === 'unavailable' ? <Unavailable message={state.startupError ?? 'Something went wrong.'} /> : null}
        {state.phase === 'ready' ? <Wizard /> : null}
        {state.phase === 'submitted' && state.confirmation ? <Confirmation result={state.confirmation} /> : null}
      </main>
    </div>
  );
}
