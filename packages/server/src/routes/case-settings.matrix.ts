import type { MatrixRow } from '../testing/matrix.js';
import { CAMPAIGN_READERS } from './campaigns.matrix.js';

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/settings/cases',
    cases: [
      { name: "the city's case rules", request: () => ({ url: '/api/v1/settings/cases' }), allow: CAMPAIGN_READERS },
    ],
  },
  {
    route: 'PUT /api/v1/settings/cases',
    cases: [
      {
        name: 'keep the default rules',
        request: () => ({ url: '/api/v1/settings/cases', body: { leaderReviewBeforeReferral: false } }),
        allow: ['city_admin', 'city_staff'],
      },
    ],
  },
];
