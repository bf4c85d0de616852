/**
 * Who is signed in, for every page: their account and a way to sign out. Role checks here only
 * decide what to show; the server refuses admin-only requests from reviewers on its own.
 */
import { createContext, type ReactNode, useContext } from 'react';
import type { SessionUser } from './api.js';

interface SessionValue {
  user: SessionUser;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ value, children }: { value: SessionValue; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>.');
  return session;
}

export function useIsAdmin(): boolean {
  return useSession().user.role === 'admin';
}

export const ROLE_LABELS = { admin: 'Admin', reviewer: 'Reviewer' } as const;
