import type { MatrixRow } from '../testing/matrix.js';

const AUDIT_READERS = ['city_admin', 'district_admin', 'school_admin', 'school_leader'] as const;

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/audit',
    cases: [
      // Lists are filtered to scope, so a reader asking about another district gets an empty page, not a refusal.
      { name: 'entries in scope', request: () => ({ url: '/api/v1/audit?pageSize=5' }), allow: AUDIT_READERS },
      {
        name: 'entries about another district student',
        request: (f) => ({ url: `/api/v1/audit?targetId=${f.otherStudent.id}&from=2026-01-01` }),
        allow: AUDIT_READERS,
      },
    ],
  },
];
