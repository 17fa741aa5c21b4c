import type { MatrixRow } from '../testing/matrix.js';

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/case-stats',
    cases: [
      {
        name: 'case counts in scope',
        request: () => ({ url: '/api/v1/case-stats' }),
        allow: ['city_staff', 'district_staff', 'school_leader'],
      },
      {
        name: 'case counts of one district',
        request: (f) => ({ url: `/api/v1/case-stats?districtId=${f.home.district_id}` }),
        allow: ['city_staff', 'district_staff', 'school_leader'],
      },
    ],
  },
];
