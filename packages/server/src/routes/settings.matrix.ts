import { SCREENING_PRESETS } from '../screening/settings.js';
import type { MatrixRow } from '../testing/matrix.js';
import { WARNING_PRESETS } from '../warning/settings.js';
import { CAMPAIGN_READERS } from './campaigns.matrix.js';

/** Only a city-level binding changes the city's settings. */
const CITY_MANAGERS = ['city_admin', 'city_staff'] as const;

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/settings/changes',
    cases: [
      {
        name: "the city's settings changes",
        request: () => ({ url: '/api/v1/settings/changes' }),
        allow: CITY_MANAGERS,
      },
    ],
  },
  {
    route: 'GET /api/v1/settings/screening',
    cases: [
      { name: "the city's settings", request: () => ({ url: '/api/v1/settings/screening' }), allow: CAMPAIGN_READERS },
    ],
  },
  {
    route: 'PUT /api/v1/settings/screening',
    cases: [
      {
        name: 'replace with the default values',
        request: () => ({
          url: '/api/v1/settings/screening',
          body: structuredClone(SCREENING_PRESETS.jinan),
        }),
        allow: CITY_MANAGERS,
      },
    ],
  },
  {
    route: 'POST /api/v1/settings/screening/preset',
    cases: [
      {
        name: 'apply a preset',
        request: () => ({ url: '/api/v1/settings/screening/preset', body: { preset: 'jinan' } }),
        allow: CITY_MANAGERS,
      },
    ],
  },
  {
    route: 'GET /api/v1/settings/warning',
    cases: [
      {
        name: "the city's warning settings",
        request: () => ({ url: '/api/v1/settings/warning' }),
        allow: CAMPAIGN_READERS,
      },
    ],
  },
  {
    route: 'PUT /api/v1/settings/warning',
    cases: [
      {
        name: 'replace with the default values',
        request: () => ({ url: '/api/v1/settings/warning', body: structuredClone(WARNING_PRESETS.jinan) }),
        allow: CITY_MANAGERS,
      },
    ],
  },
  {
    route: 'POST /api/v1/settings/warning/preset',
    cases: [
      {
        name: 'apply a network preset',
        request: () => ({ url: '/api/v1/settings/warning/preset', body: { preset: 'jinan' } }),
        allow: CITY_MANAGERS,
      },
    ],
  },
];
