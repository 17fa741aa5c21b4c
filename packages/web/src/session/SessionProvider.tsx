import {
  createContext,
  startTransition,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { authApi } from '../api/auth';
import { onApiEvent, setCsrfToken } from '../api/client';
import { clearOrgCache } from '../api/orgCache';
import { isApiError } from '../api/problem';
import type { Session } from '../api/types';
import { reconcileLocale } from './locale';

export type SessionState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'anonymous'; reason?: 'expired' | 'signed-out' }
  | { status: 'signed-in'; session: Session };

export interface SessionContextValue {
  state: SessionState;
  session: Session | null;
  signIn: (username: string, password: string) => Promise<Session>;
  /** Signs in with a screening code: the session reaches only that student's questionnaire. */
  signInWithCode: (code: string, birthDate?: string) => Promise<Session>;
  /** Takes the session a second-factor step answered with (it carries new tokens). */
  adoptSession: (session: Session) => void;
  signOut: (everywhere?: boolean) => Promise<void>;
  refresh: () => Promise<void>;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

// Whether this browser had a session the last time it asked. The sign-in page of a browser that never
// signed in (or signed out) does not ask the server: the answer would be a 401, which browsers log as an
// error on the very page most people open first. A browser that lost this mark only sees the sign-in form
// instead of being sent on; every other page asks as before.
const SIGNED_IN_MARK = 'yuxin.signedIn';
function markSignedIn(on: boolean) {
  try {
    if (on) localStorage.setItem(SIGNED_IN_MARK, '1');
    else localStorage.removeItem(SIGNED_IN_MARK);
  } catch {
    // storage unavailable: the sign-in page asks the server
  }
}
function surelySignedOut(): boolean {
  try {
    return window.location.pathname === '/login' && localStorage.getItem(SIGNED_IN_MARK) === null;
  } catch {
    return false;
  }
}

// The session is asked for as soon as this code runs, alongside the page's own chunks, instead of after the
// first render: on a slow network that is one round trip less before a signed-in page shows.
let early: Promise<Session> | null = typeof window === 'undefined' || surelySignedOut() ? null : authApi.session();
// Handled by the first refresh below; this only keeps an early failure from counting as unhandled.
early?.catch(() => undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const firstLoad = useRef(true);

  const adopt = useCallback((session: Session, justSignedIn: boolean) => {
    if (justSignedIn) clearOrgCache();
    setCsrfToken(session.csrfToken);
    markSignedIn(true);
    reconcileLocale(session, justSignedIn);
    const apply = () => setState({ status: 'signed-in', session });
    // The page's first signed-in render (the whole shell and page) is time-sliced, which a slow phone would
    // otherwise feel as one long freeze. Later changes (a sign-in, a new password) apply at once: the caller
    // navigates right after and the guards must see them.
    if (firstLoad.current) startTransition(apply);
    else apply();
    firstLoad.current = false;
  }, []);

  const refresh = useCallback(async () => {
    if (surelySignedOut()) {
      firstLoad.current = false;
      setState({ status: 'anonymous' });
      return;
    }
    const pending = early;
    early = null;
    try {
      adopt(await (pending ?? authApi.session()), false);
    } catch (e) {
      setCsrfToken(null);
      if (isApiError(e) && (e.status === 401 || e.status === 403)) {
        markSignedIn(false);
        setState({ status: 'anonymous' });
      } else setState({ status: 'error', message: isApiError(e) ? e.detail : String(e) });
    } finally {
      firstLoad.current = false;
    }
  }, [adopt]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(
    () =>
      onApiEvent((event) => {
        setState((prev) => {
          if (prev.status !== 'signed-in') return prev;
          if (event.type === 'unauthenticated') {
            setCsrfToken(null);
            markSignedIn(false);
            return { status: 'anonymous', reason: 'expired' };
          }
          if (event.type !== 'password-change-required' || prev.session.user.mustChangePassword) return prev;
          return {
            status: 'signed-in',
            session: { ...prev.session, user: { ...prev.session.user, mustChangePassword: true } },
          };
        });
      }),
    [],
  );

  const signIn = useCallback(
    async (username: string, password: string) => {
      const session = await authApi.login(username, password);
      adopt(session, true);
      return session;
    },
    [adopt],
  );

  const signInWithCode = useCallback(
    async (code: string, birthDate?: string) => {
      const session = await authApi.screeningCode(code, birthDate);
      adopt(session, true);
      return session;
    },
    [adopt],
  );

  const signOut = useCallback(async (everywhere = false) => {
    try {
      await (everywhere ? authApi.logoutAll() : authApi.logout());
    } catch {
      // Signed out locally either way.
    }
    setCsrfToken(null);
    markSignedIn(false);
    clearOrgCache();
    setState({ status: 'anonymous', reason: 'signed-out' });
  }, []);

  const value = useMemo<SessionContextValue>(
    () => ({
      state,
      session: state.status === 'signed-in' ? state.session : null,
      signIn,
      signInWithCode,
      adoptSession: (session: Session) => adopt(session, true),
      signOut,
      refresh,
    }),
    [state, signIn, signInWithCode, adopt, signOut, refresh],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
