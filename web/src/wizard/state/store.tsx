/**
 * The wizard's single store: a reducer behind a tiny subscribe/getState wrapper. A plain store
 * (rather than useReducer) lets uploads, autosave and navigation read the current state the
 * moment after they dispatch, and keeps them alive while the step components come and go.
 */
import { createContext, type ReactNode, useContext, useSyncExternalStore } from 'react';
import type { WizardActions } from '../services/wizard-actions.js';
import { initialState, type WizardAction, wizardReducer } from './reducer.js';
import type { WizardState } from './types.js';

export interface WizardStore {
  getState(): WizardState;
  dispatch(action: WizardAction): void;
  subscribe(listener: () => void): () => void;
}

export function createWizardStore(start: WizardState = initialState()): WizardStore {
  let state = start;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    dispatch(action) {
      const next = wizardReducer(state, action);
      if (next === state) return;
      state = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

interface WizardContextValue {
  store: WizardStore;
  actions: WizardActions;
}

const WizardContext = createContext<WizardContextValue | null>(null);

export function WizardProvider({ value, children }: { value: WizardContextValue; children: ReactNode }) {
  return <WizardContext.Provider value={value}>{children}</WizardContext.Provider>;
}

function useWizardContext(): WizardContextValue {
  const context = useContext(WizardContext);
  if (!context) throw new Error('Wizard hooks must be used inside <WizardProvider>.');
  return context;
}

export function useWizardActions(): WizardActions {
  return useWizardContext().actions;
}

/** The current state; the calling component re-renders on every change. */
export function useWizardState(): WizardState {
  const { store } = useWizardContext();
  return useSyncExternalStore(store.subscribe, store.getState);
}
