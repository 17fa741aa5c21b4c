import type { MatrixActor, MatrixRow } from '../testing/matrix.js';

/** Everyone whose role holds `scoring.compute` (core ROLE_ACTIONS); scoring touches no record. */
export const SCORERS: readonly MatrixActor[] = [
  'city_admin',
  'district_admin',
  'school_admin',
  'city_staff',
  'district_staff',
  'psych_teacher',
  'hospital_doctor',
  'other_school_psych',
];

export const rows: MatrixRow[] = [
  {
    route: 'POST /api/v1/scoring/:code',
    cases: [
      {
        name: 'score a PHQ-A paper form',
        request: () => ({ url: '/api/v1/scoring/phqa', body: { answers: [1, 1, 0, 2, 1, 0, 0, 1, 0] } }),
        allow: SCORERS,
      },
      // Nothing about the form ties it to a school, so an actor of another district's school scores the same way.
      {
        name: 'score a GAD-7 form from another school',
        crossSchool: true,
        request: () => ({ url: '/api/v1/scoring/gad7', body: { answers: [0, 1, 2, 3, 0, 1, 2], version: 1 } }),
        allow: SCORERS,
      },
    ],
  },
];
