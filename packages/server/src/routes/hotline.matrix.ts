import { randomUUID } from 'node:crypto';
import type { MatrixRow } from '../testing/matrix.js';

// The hotline is the city centre's: its counselors record and read calls and plan shifts; the centre's
// head (city staff) reads the counts only. No school role, administrator or student reaches a call, and
// the centre's counselors share its calls (a follow-up is often made by the next shift).
const call = (over: Record<string, unknown> = {}) => ({
  clientId: randomUUID(),
  startedAt: new Date(Date.now() - 1_800_000).toISOString(),
  durationMinutes: 15,
  callerType: 'guardian',
  anonymous: true,
  topics: ['family'],
  risk: 'low',
  outcome: 'advised',
  notes: '家长担心孩子最近睡不好。',
  ...over,
});
const tomorrow = () => {
  const d = new Date(Date.now() + 86_400_000);
  return d.toISOString().slice(0, 10);
};

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/hotline/calls',
    cases: [
      { name: "the centre's calls", request: () => ({ url: '/api/v1/hotline/calls' }), allow: ['hotline_counselor'] },
    ],
  },
  {
    route: 'POST /api/v1/hotline/calls',
    cases: [
      {
        name: 'record an anonymous call',
        request: () => ({ url: '/api/v1/hotline/calls', body: call() }),
        allow: ['hotline_counselor'],
      },
      {
        name: 'record a call about a student of the demo school, telling the school',
        request: (f) => ({
          url: '/api/v1/hotline/calls',
          body: call({
            anonymous: false,
            callerType: 'student',
            studentId: f.demoStudent.id,
            risk: 'high',
            schoolAlert: { reason: '来电中表达强烈无望感。' },
          }),
        }),
        allow: ['hotline_counselor'],
      },
    ],
  },
  {
    route: 'GET /api/v1/hotline/calls/:id',
    cases: [
      {
        name: 'a call with its notes',
        request: async (f) => ({ url: `/api/v1/hotline/calls/${await f.hotline.call()}` }),
        allow: ['hotline_counselor'],
      },
      {
        // The centre serves the whole city; the student's own school never reads the call.
        name: 'a call about a student of another district school',
        crossSchool: true,
        request: async (f) => ({ url: `/api/v1/hotline/calls/${await f.hotline.call('default', 'other')}` }),
        allow: ['hotline_counselor'],
      },
    ],
  },
  {
    // Only the counselor who recorded a call rewrites it; the city centre's head reads counts, never a call.
    route: 'PATCH /api/v1/hotline/calls/:id',
    cases: [
      {
        name: 'complete my own call with its follow-up',
        request: async (f) => ({
          url: `/api/v1/hotline/calls/${await f.hotline.call('edit')}`,
          body: { followUp: '次日回访，情绪平稳。', outcome: 'resolved' },
        }),
        allow: ['hotline_counselor'],
      },
      {
        name: 'my own call about a student of another district school',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/hotline/calls/${await f.hotline.call('edit', 'other')}`,
          body: { notes: '补充记录。' },
        }),
        allow: ['hotline_counselor'],
      },
      {
        name: "a colleague's call",
        request: async (f) => ({
          url: `/api/v1/hotline/calls/${await f.hotline.call('colleague', 'home', 'colleague')}`,
          body: { notes: '补充记录。' },
        }),
        allow: [],
      },
    ],
  },
  {
    route: 'POST /api/v1/hotline/calls/:id/alert',
    cases: [
      {
        name: "tell the student's school",
        request: async (f) => ({
          url: `/api/v1/hotline/calls/${await f.hotline.call('alert')}/alert`,
          body: { reason: '来电中提到计划。' },
        }),
        allow: ['hotline_counselor'],
      },
      {
        name: 'tell a school of another district',
        crossSchool: true,
        request: async (f) => ({
          url: `/api/v1/hotline/calls/${await f.hotline.call('alert', 'other')}/alert`,
          body: { reason: '来电中提到计划。' },
        }),
        allow: ['hotline_counselor'],
      },
    ],
  },
  {
    route: 'GET /api/v1/hotline/students',
    cases: [
      {
        name: 'find a caller on the city roster',
        request: (f) => ({ url: `/api/v1/hotline/students?q=${encodeURIComponent(f.demoStudent.name)}` }),
        allow: ['hotline_counselor'],
      },
    ],
  },
  {
    route: 'GET /api/v1/hotline/shifts',
    cases: [
      {
        name: 'the shift board',
        request: () => ({ url: `/api/v1/hotline/shifts?from=${tomorrow()}&days=1` }),
        allow: ['hotline_counselor'],
      },
    ],
  },
  {
    route: 'POST /api/v1/hotline/shifts',
    cases: [
      {
        name: 'add a shift',
        request: async (f) => ({
          url: '/api/v1/hotline/shifts',
          body: {
            counselorId: await f.hotline.counselorId(),
            startsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
            endsAt: new Date(Date.now() + 2 * 86_400_000 + 4 * 3_600_000).toISOString(),
          },
        }),
        allow: ['hotline_counselor'],
      },
    ],
  },
  {
    route: 'DELETE /api/v1/hotline/shifts/:id',
    cases: [
      {
        name: 'remove a shift',
        request: async (f) => ({ url: `/api/v1/hotline/shifts/${await f.hotline.shift('remove')}` }),
        allow: ['hotline_counselor'],
      },
      {
        // A shift is the city centre's, in no school: no school role reaches it wherever it works.
        name: "another of the city centre's shifts",
        crossSchool: true,
        request: async (f) => ({ url: `/api/v1/hotline/shifts/${await f.hotline.shift('remove-other')}` }),
        allow: ['hotline_counselor'],
      },
    ],
  },
  {
    route: 'GET /api/v1/hotline/report',
    cases: [
      {
        name: "the centre's counts",
        request: () => ({ url: '/api/v1/hotline/report?from=2026-01-01&to=2026-12-31' }),
        allow: ['hotline_counselor', 'city_staff'],
      },
    ],
  },
];
