import { randomUUID } from 'node:crypto';
import type { MatrixRow } from '../testing/matrix.js';

const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const entry = (schoolId: string, kind: string, classId?: string) => ({
  clientId: randomUUID(),
  schoolId,
  ...(classId ? { classId } : {}),
  kind,
  title: '认识情绪',
  heldOn: yesterday(),
  participants: 45,
  hours: 1,
});
const SCHOOL_RECORDERS = ['psych_teacher', 'school_leader'] as const;

// Head teachers keep their own class's theme meetings; the school's psychology teachers and leaders keep the
// whole ledger. Nobody above the school records (administrators neither): supervision reads the counts.
export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/activities',
    cases: [
      {
        name: 'the ledger in scope',
        request: () => ({ url: '/api/v1/activities' }),
        allow: ['head_teacher', ...SCHOOL_RECORDERS, 'other_school_psych'],
      },
    ],
  },
  {
    route: 'POST /api/v1/activities',
    cases: [
      {
        name: "a theme class meeting of the head teacher's class",
        request: (f) => ({ url: '/api/v1/activities', body: entry(f.home.id, 'class_meeting', f.homeClass.id) }),
        allow: ['head_teacher', ...SCHOOL_RECORDERS],
      },
      {
        name: 'a theme class meeting of another class of the school (head teacher of another class: 403)',
        request: (f) => ({
          url: '/api/v1/activities',
          body: entry(f.home.id, 'class_meeting', f.otherClassInHome.id),
        }),
        allow: [...SCHOOL_RECORDERS],
      },
      {
        name: 'a lecture for the school (not a head teacher’s kind)',
        request: (f) => ({ url: '/api/v1/activities', body: entry(f.home.id, 'lecture') }),
        allow: [...SCHOOL_RECORDERS],
      },
      {
        name: 'a group session of another district school',
        crossSchool: true,
        request: (f) => ({ url: '/api/v1/activities', body: entry(f.other.id, 'group_session') }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'PATCH /api/v1/activities/:id',
    cases: [
      {
        name: "a theme class meeting of the head teacher's class",
        request: async (f) => ({
          url: `/api/v1/activities/${await f.activities.activity('home', 'class_meeting', 'patch')}`,
          body: { participants: 44 },
        }),
        allow: ['head_teacher', ...SCHOOL_RECORDERS],
      },
      {
        name: 'a school lecture',
        request: async (f) => ({
          url: `/api/v1/activities/${await f.activities.activity('home', 'lecture', 'patch')}`,
          body: { hours: 2 },
        }),
        allow: [...SCHOOL_RECORDERS],
      },
      {
        name: 'a theme class meeting of another class of the school',
        request: async (f) => ({
          url: `/api/v1/activities/${await f.activities.activity('otherClassInHome', 'class_meeting', 'patch')}`,
          body: { participants: 30 },
        }),
        allow: [...SCHOOL_RECORDERS],
      },
      {
        name: 'an entry of another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/activities/${await f.activities.activity('other', 'class_meeting', 'patch')}`,
          body: { participants: 30 },
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
  {
    route: 'DELETE /api/v1/activities/:id',
    cases: [
      {
        name: "a theme class meeting of the head teacher's class, voided with a reason",
        request: async (f) => ({
          url: `/api/v1/activities/${await f.activities.activity('home', 'class_meeting', 'void')}`,
          body: { reason: '重复登记' },
        }),
        allow: ['head_teacher', ...SCHOOL_RECORDERS],
      },
      {
        name: 'a school lecture',
        request: async (f) => ({
          url: `/api/v1/activities/${await f.activities.activity('home', 'lecture', 'void')}`,
          body: { reason: '重复登记' },
        }),
        allow: [...SCHOOL_RECORDERS],
      },
      {
        name: 'an entry of another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/activities/${await f.activities.activity('other', 'lecture', 'void')}`,
          body: { reason: '重复登记' },
        }),
        allow: ['other_school_psych'],
      },
    ],
  },
];
