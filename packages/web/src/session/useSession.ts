import { useContext } from 'react';
import { SessionContext, type SessionContextValue } from './SessionProvider';
import type { Session } from '../api/types';

export function useSession(): SessionContextValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The signed-in session; only for components rendered behind RequireAuth. */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (!session) throw new Error('useSignedIn without a session');
  return session;
}
