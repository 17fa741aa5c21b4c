import { demoCampaignId, demoDraftCampaignId } from '../seed/demo-screening.js';
import type { Fixtures, MatrixRow } from '../testing/matrix.js';

const cityCampaign = (f: Fixtures) => demoCampaignId(f.home.city_id);

export const rows: MatrixRow[] = [
  {
    route: 'POST /api/v1/campaigns/:id/consents',
    cases: [
      // A classmate of the demo guardian's child: the guardian's binding is their own child only (the
      // guardian's own child is covered in consent.int.test.ts). Granting keeps the demo as it was.
      {
        name: "a student of the head teacher's class",
        request: (f) => ({
          url: `/api/v1/campaigns/${cityCampaign(f)}/consents`,
          body: { studentId: f.homeStudent.id, decision: 'granted' },
        }),
        allow: ['psych_teacher', 'head_teacher'],
      },
      {
        name: 'a student of another class',
        request: (f) => ({
          url: `/api/v1/campaigns/${cityCampaign(f)}/consents`,
          body: { studentId: f.homeOtherClassStudent.id, decision: 'granted' },
        }),
        allow: ['psych_teacher'],
      },
      {
        name: 'a student of another district school',
        crossSchool: true,
        request: (f) => ({
          url: `/api/v1/campaigns/${cityCampaign(f)}/consents`,
          body: { studentId: f.otherStudent.id, decision: 'granted' },
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/campaigns/:id/decline',
    cases: [
      // Each student declines their own questionnaire, then takes it back so the demo stays answerable.
      {
        name: 'own assignment',
        request: (f) => ({ url: `/api/v1/campaigns/${cityCampaign(f)}/decline`, body: {} }),
        allow: ['student', 'peer_supporter'],
      },
      {
        name: 'take the decline back',
        request: (f) => ({ url: `/api/v1/campaigns/${cityCampaign(f)}/decline`, body: { undo: true } }),
        allow: ['student', 'peer_supporter'],
      },
      {
        name: 'a campaign of another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/campaigns/${demoDraftCampaignId(f.other.id)}/decline`, body: {} }),
        allow: [],
      },
    ],
  },
  {
    route: 'GET /api/v1/my/consents',
    cases: [
      // Staff holding consent.record get an empty list: only a guardian's bindings name children.
      {
        name: 'decisions asked of me',
        request: () => ({ url: '/api/v1/my/consents' }),
        allow: ['psych_teacher', 'head_teacher', 'guardian', 'other_school_psych'],
      },
    ],
  },
];
