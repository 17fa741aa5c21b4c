import type { Fixtures, MatrixRow } from '../testing/matrix.js';

const q = (f: Fixtures, unitId: string, suffix = '') => ({
  url: `/api/v1/compliance/report${suffix}?unitId=${unitId}`,
});

/** Administrators and the school's leader answer for compliance; aggregate staff above a school do not read the audit log. */
export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/compliance/report',
    cases: [
      {
        name: 'own school',
        request: (f) => q(f, f.home.id),
        allow: ['city_admin', 'district_admin', 'school_admin', 'school_leader'],
      },
      { name: 'own district', request: (f) => q(f, f.home.district_id!), allow: ['city_admin', 'district_admin'] },
      { name: 'the city', request: (f) => q(f, f.home.city_id), allow: ['city_admin'] },
      {
        name: 'own unit, not named',
        request: () => ({ url: '/api/v1/compliance/report' }),
        allow: ['city_admin', 'district_admin', 'school_admin', 'school_leader'],
      },
    ],
  },
  {
    route: 'GET /api/v1/compliance/report.pdf',
    cases: [
      {
        name: 'own school',
        request: (f) => q(f, f.home.id, '.pdf'),
        allow: ['city_admin', 'district_admin', 'school_admin', 'school_leader'],
      },
    ],
  },
  {
    route: 'GET /api/v1/compliance/report.xlsx',
    cases: [{ name: 'another district school', request: (f) => q(f, f.other.id, '.xlsx'), allow: ['city_admin'] }],
  },
];
