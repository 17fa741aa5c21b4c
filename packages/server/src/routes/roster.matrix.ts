import { subscribe } from 'node:diagnostics_channel';
import type { JobEvent } from '../jobs/runner.js';
import { multipartFile } from '../roster/multipart-body.js';
import type { MatrixRow } from '../testing/matrix.js';

const ADMINS = ['city_admin', 'district_admin', 'school_admin'] as const;

// A header without rows: the job it starts fails at once, so the matrix never changes the demo roster.
const emptyRoster = () => multipartFile('roster.csv', '学籍号,姓名,性别,年级,班级\r\n', 'text/csv');

// Import jobs started by the rows below, so the job rows can read real jobs of a known school.
const enqueued: JobEvent[] = [];
subscribe('yuxin:job', (message) => {
  const e = message as JobEvent;
  if (e.event === 'enqueued') enqueued.push(e);
});
function jobOf(schoolId: string) {
  const job = [...enqueued].reverse().find((j) => j.schoolId === schoolId);
  if (!job) throw new Error('no import job of that school yet: the POST /api/v1/roster/imports rows must run first');
  return job.id;
}

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/roster/template',
    cases: [
      {
        name: 'xlsx template',
        request: () => ({ url: '/api/v1/roster/template?format=xlsx&lang=zh-CN' }),
        allow: ADMINS,
      },
      { name: 'csv template', request: () => ({ url: '/api/v1/roster/template?format=csv&lang=en' }), allow: ADMINS },
    ],
  },
  {
    route: 'POST /api/v1/roster/imports',
    cases: [
      {
        name: 'import into own school',
        request: (f) => ({ url: `/api/v1/roster/imports?schoolId=${f.home.id}`, ...emptyRoster() }),
        allow: ADMINS,
      },
      {
        name: 'import into another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/roster/imports?schoolId=${f.other.id}`, ...emptyRoster() }),
        allow: ['city_admin'],
      },
    ],
  },
  // Job rows live here, after the import rows that create the jobs they read: the matrix runs modules in
  // file-name order, so in jobs.matrix.ts they would run before any job exists.
  {
    route: 'GET /api/v1/jobs/:id',
    cases: [
      // Creator or roster.import over the job's school; everyone else gets 404, not 403.
      {
        name: 'import job of own school',
        request: (f) => ({ url: `/api/v1/jobs/${jobOf(f.home.id)}` }),
        allow: ADMINS,
      },
      {
        name: 'import job of another district school',
        crossSchool: true,
        request: (f) => ({ url: `/api/v1/jobs/${jobOf(f.other.id)}` }),
        allow: ['city_admin'],
      },
      { name: 'no such job', request: () => ({ url: '/api/v1/jobs/00000000-0000-4000-8000-000000000000' }), allow: [] },
    ],
  },
];
