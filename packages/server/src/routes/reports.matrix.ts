import { demoCampaignId } from '../seed/demo-screening.js';
import type { Fixtures, MatrixRow } from '../testing/matrix.js';

const cityCampaign = (f: Fixtures) => demoCampaignId(f.home.city_id);
const report = (f: Fixtures, unitId: string, suffix = '') => ({
  url: `/api/v1/reports/campaigns/${cityCampaign(f)}${suffix}?unitId=${unitId}`,
});

/** Administrators run the system and get no reports: tiers in aggregate are still psychology data. */
const HOME_SCHOOL = ['city_staff', 'district_staff', 'supervisor', 'school_leader', 'psych_teacher'] as const;
const HOME_DISTRICT = ['city_staff', 'district_staff', 'supervisor'] as const;
const OTHER_DISTRICT_SCHOOL = ['city_staff', 'supervisor', 'other_school_psych'] as const;

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/reports/campaigns/:id',
    cases: [
      { name: 'own school', request: (f) => report(f, f.home.id), allow: HOME_SCHOOL },
      { name: 'own district', request: (f) => report(f, f.home.district_id!), allow: HOME_DISTRICT },
      { name: 'the city', request: (f) => report(f, f.home.city_id), allow: ['city_staff', 'supervisor'] },
      {
        name: 'another district school',
        crossSchool: true,
        request: (f) => report(f, f.other.id),
        allow: OTHER_DISTRICT_SCHOOL,
      },
      {
        name: 'another district',
        crossSchool: true,
        request: (f) => report(f, f.other.district_id!),
        allow: ['city_staff', 'supervisor'],
      },
      {
        name: 'default unit',
        request: (f) => ({ url: `/api/v1/reports/campaigns/${cityCampaign(f)}` }),
        allow: [...HOME_SCHOOL, 'other_school_psych'],
      },
    ],
  },
  {
    route: 'GET /api/v1/reports/campaigns/:id/report.pdf',
    cases: [
      { name: 'own district', request: (f) => report(f, f.home.district_id!, '/report.pdf'), allow: HOME_DISTRICT },
      {
        name: 'another district',
        crossSchool: true,
        request: (f) => report(f, f.other.district_id!, '/report.pdf'),
        allow: ['city_staff', 'supervisor'],
      },
    ],
  },
  {
    route: 'GET /api/v1/reports/campaigns/:id/report.xlsx',
    cases: [
      { name: 'own school', request: (f) => report(f, f.home.id, '/report.xlsx'), allow: HOME_SCHOOL },
      {
        name: 'another district school',
        crossSchool: true,
        request: (f) => report(f, f.other.id, '/report.xlsx'),
        allow: OTHER_DISTRICT_SCHOOL,
      },
    ],
  },
];
