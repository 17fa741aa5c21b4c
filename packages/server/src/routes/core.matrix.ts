import { EVERYONE, EVERYONE_SIGNED_IN, type MatrixRow } from '../testing/matrix.js';

let unknownNames = 0;

export const rows: MatrixRow[] = [
  { route: 'GET /api/health', cases: [{ name: 'liveness', request: () => ({ url: '/api/health' }), allow: EVERYONE }] },
  { route: 'GET /api/ready', cases: [{ name: 'readiness', request: () => ({ url: '/api/ready' }), allow: EVERYONE }] },
  {
    route: 'GET /api/v1/session',
    cases: [{ name: 'own session', request: () => ({ url: '/api/v1/session' }), allow: EVERYONE_SIGNED_IN }],
  },
  {
    route: 'POST /api/v1/auth/login',
    // Wrong password: the route is open to all, and answers 401 invalid-credentials to everyone alike.
    cases: [
      {
        name: 'wrong password',
        // A fresh name per attempt: repeated failures for one name from one address are delayed (429).
        request: () => ({ url: '/api/v1/auth/login', body: { username: `nobody-${++unknownNames}`, password: 'x' } }),
        allow: [],
        okStatus: [],
      },
    ],
  },
  {
    route: 'POST /api/v1/auth/change-password',
    // A wrong current password reaches the handler (400) only when signed in.
    cases: [
      {
        name: 'wrong current password',
        request: () => ({
          url: '/api/v1/auth/change-password',
          body: { currentPassword: 'not-it-1', newPassword: 'Another2026x' },
        }),
        allow: EVERYONE_SIGNED_IN,
        okStatus: [400],
      },
    ],
  },
  {
    route: 'PUT /api/v1/me/locale',
    cases: [
      {
        name: 'save language',
        request: () => ({ url: '/api/v1/me/locale', body: { locale: 'zh-CN' } }),
        allow: EVERYONE_SIGNED_IN,
      },
    ],
  },
  // Logging out is exercised last by the matrix test with throw-away sessions (see route-matrix test).
  {
    route: 'POST /api/v1/auth/logout',
    cases: [{ name: 'sign out', request: () => ({ url: '/api/v1/auth/logout' }), allow: EVERYONE_SIGNED_IN }],
  },
  {
    route: 'POST /api/v1/auth/logout-all',
    cases: [
      { name: 'sign out everywhere', request: () => ({ url: '/api/v1/auth/logout-all' }), allow: EVERYONE_SIGNED_IN },
    ],
  },
  {
    route: 'GET /api/v1/me/profile',
    cases: [
      {
        name: 'own profile',
        request: () => ({ url: '/api/v1/me/profile' }),
        allow: ['student', 'guardian', 'peer_supporter'],
      },
    ],
  },
];
