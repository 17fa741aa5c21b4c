import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useSession } from '../session/useSession';
import { effectiveNav, type NavKey } from '../lib/nav';
import FullPageSpin from './FullPageSpin';

// Rare answers (no access, session not loaded) use Ant Design's Result with its illustrations: loaded when
// shown, with Ant Design's theme around them, so the sign-in page and the student's pages do not carry them.
const ForbiddenResult = lazy(() =>
  Promise.all([import('./Results'), import('./AntdRoot')]).then(([{ ForbiddenResult: Result }, { default: Root }]) => ({
    default: () => (
      <Root>
        <Result />
      </Root>
    ),
  })),
);
const SessionError = lazy(() =>
  Promise.all([import('./SessionError'), import('./AntdRoot')]).then(([{ default: Failed }, { default: Root }]) => ({
    default: ({ message }: { message: string }) => (
      <Root>
        <Failed message={message} />
      </Root>
    ),
  })),
);

/** Signed-in users only; sends others to sign-in and forced password changes to /change-password. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status === 'error')
    return (
      <Suspense fallback={<FullPageSpin />}>
        <SessionError message={state.message} />
      </Suspense>
    );
  if (state.status === 'anonymous') {
    return (
      <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}`, reason: state.reason }} />
    );
  }
  // A password alone opens nothing for staff who use a second factor: the code first, or setting one up.
  if (state.session.user.secondFactor === 'verify') return <Navigate to="/login" replace />;
  if (state.session.user.secondFactor === 'enrol') return <Navigate to="/two-factor-setup" replace />;
  if (state.session.user.mustChangePassword) return <Navigate to="/change-password" replace />;
  return <>{children}</>;
}

/** Pages the session's `nav` lists (or its `can` grants, see `effectiveNav`); others show a "no access" result. */
export function RequireNav({ navKey, children }: { navKey: NavKey; children: ReactNode }) {
  const { session } = useSession();
  if (!session || !effectiveNav(session).includes(navKey))
    return (
      <Suspense fallback={<FullPageSpin />}>
        <ForbiddenResult />
      </Suspense>
    );
  return <>{children}</>;
}

/** The sign-in page: signed-in users go on to where they were going. */
export function GuestOnly({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status === 'signed-in') {
    // The sign-in page asks for the code itself.
    if (state.session.user.secondFactor === 'verify') return <>{children}</>;
    if (state.session.user.secondFactor === 'enrol') return <Navigate to="/two-factor-setup" replace />;
    // A screening code opens one questionnaire: straight there.
    if (state.session.user.onlyAssignment)
      return <Navigate to={`/my/screenings/${state.session.user.onlyAssignment}`} replace />;
    if (state.session.user.mustChangePassword) return <Navigate to="/change-password" replace />;
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && from.startsWith('/') && !from.startsWith('//') ? from : '/'} replace />;
  }
  return <>{children}</>;
}
