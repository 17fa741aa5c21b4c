import { demoCampaignId, demoDraftCampaignId } from '../seed/demo-screening.js';
import type { Fixtures, MatrixRow } from '../testing/matrix.js';

// The demo city's open universal campaign, and a draft of each demo psychology teacher's school.
const cityCampaign = (f: Fixtures) => demoCampaignId(f.home.city_id);
const homeDraft = (f: Fixtures) => demoDraftCampaignId(f.home.id);
const otherDraft = (f: Fixtures) => demoDraftCampaignId(f.other.id);

export const CAMPAIGN_READERS = [
  'city_admin',
  'district_admin',
  'school_admin',
  'city_staff',
  'district_staff',
  'supervisor',
  'school_leader',
  'psych_teacher',
  'head_teacher',
  'other_school_psych',
] as const;
/** Readers whose scope holds the home school itself (a draft is shown to the owner's side only). */
const HOME_SCHOOL_READERS = [
  'city_admin',
  'district_admin',
  'school_admin',
  'city_staff',
  'district_staff',
  'supervisor',
  'school_leader',
  'psych_teacher',
] as const;
const HOME_MANAGERS = [
  'city_admin',
  'district_admin',
  'school_admin',
  'city_staff',
  'district_staff',
  'school_leader',
  'psych_teacher',
] as const;
const OTHER_SCHOOL_MANAGERS = ['city_admin', 'city_staff', 'other_school_psych'] as const;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/campaigns',
    cases: [
      {
        name: 'campaigns in scope',
        request: () => ({ url: '/api/v1/campaigns?pageSize=50' }),
        allow: CAMPAIGN_READERS,
      },
    ],
  },
  {
    route: 'GET /api/v1/campaigns/:id',
    cases: [
      {
        name: 'city campaign covering the home school',
        request: (f) => ({ url: `/api/v1/campaigns/${cityCampaign(f)}` }),
        allow: CAMPAIGN_READERS,
      },
      {
        name: 'home school draft',
        request: (f) => ({ url: `/api/v1/campaigns/${homeDraft(f)}` }),
        allow: HOME_SCHOOL_READERS,
      },
      {
        name: 'another district school draft',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/campaigns/${otherDraft(f)}` }),
        allow: ['city_admin', 'city_staff', 'supervisor', 'other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/campaigns',
    cases: [
      {
        name: 'own school round',
        request: (f) => ({
          url: '/api/v1/campaigns',
          body: {
            ownerId: f.home.id,
            kind: 'targeted',
            name: '矩阵测试',
            opensAt: inDays(1),
            targetIds: [f.otherClassInHome.id],
          },
        }),
        allow: HOME_MANAGERS,
      },
      {
        name: 'another district school round',
        crossSchool: true,
        request: (f) => ({
          url: '/api/v1/campaigns',
          body: {
            ownerId: f.other.id,
            kind: 'targeted',
            name: '矩阵测试',
            opensAt: inDays(1),
            targetIds: [f.otherClass.id],
          },
        }),
        allow: OTHER_SCHOOL_MANAGERS,
      },
    ],
  },
  {
    route: 'PATCH /api/v1/campaigns/:id',
    cases: [
      {
        name: 'home school draft',
        request: (f) => ({ url: `/api/v1/campaigns/${homeDraft(f)}`, body: { noticeEn: 'Matrix notice' } }),
        allow: HOME_MANAGERS,
      },
      // Published: the owner's managers get past the access check and meet the draft-only rule.
      {
        name: 'published city campaign',
        request: (f) => ({ url: `/api/v1/campaigns/${cityCampaign(f)}`, body: { noticeEn: 'Matrix notice' } }),
        allow: ['city_admin', 'city_staff'],
        okStatus: [409],
      },
      {
        name: 'another district school draft',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/campaigns/${otherDraft(f)}`, body: { noticeEn: 'Matrix notice' } }),
        allow: OTHER_SCHOOL_MANAGERS,
      },
    ],
  },
  {
    route: 'POST /api/v1/campaigns/:id/publish',
    cases: [
      {
        name: 'home school draft (repeats are idempotent)',
        request: (f) => ({ url: `/api/v1/campaigns/${homeDraft(f)}/publish` }),
        allow: HOME_MANAGERS,
      },
      {
        name: 'city campaign, already published',
        request: (f) => ({ url: `/api/v1/campaigns/${cityCampaign(f)}/publish` }),
        allow: ['city_admin', 'city_staff'],
      },
      {
        name: 'another district school draft',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/campaigns/${otherDraft(f)}/publish` }),
        allow: OTHER_SCHOOL_MANAGERS,
      },
    ],
  },
  {
    route: 'POST /api/v1/campaigns/:id/cancel',
    cases: [
      {
        name: 'home school round (repeats are idempotent)',
        request: (f) => ({ url: `/api/v1/campaigns/${homeDraft(f)}/cancel` }),
        allow: HOME_MANAGERS,
      },
      {
        name: 'another district school round',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/campaigns/${otherDraft(f)}/cancel` }),
        allow: OTHER_SCHOOL_MANAGERS,
      },
    ],
  },
];
