import '@fontsource/dancing-script/400.css';
import '../shared/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import './i18n/i18n.js';
import { createWizardActions } from './services/wizard-actions.js';
import { createWizardStore, WizardProvider } from './state/store.js';

const store = createWizardStore();
const actions = createWizardActions(store);
const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');

createRoot(root).render(
  <StrictMode>
    <WizardProvider value={{ store, actions }}>
      <App />
    </WizardProvider>
  </StrictMode>,
);
void actions.start();
