import type { DemoCity } from '../seed/demo.js';
import type { demoFixtures } from './harness.js';

/** The demo cast every route is tried with. `other_school_psych` works in another district's school. */
export const MATRIX_ACTORS = [
  'anonymous',
  'city_admin',
  'district_admin',
  'school_admin',
  'city_staff',
  'district_staff',
  'supervisor',
  'school_leader',
  'psych_teacher',
  'head_teacher',
  'teacher',
  'dormitory_staff',
  'peer_supporter',
  'student',
  'guardian',
  'hospital_doctor',
  'hotline_counselor',
  'other_school_psych',
] as const;
export type MatrixActor = (typeof MATRIX_ACTORS)[number];

export function actorUsernames(demo: DemoCity): Record<Exclude<MatrixActor, 'anonymous'>, string> {
  const by = (role: string, index = 0) => demo.accounts.filter((a) => a.role === role)[index]!.username;
  return {
    city_admin: 'admin',
    district_admin: 'dadmin01',
    school_admin: 'sadmin03',
    city_staff: by('city_staff'),
    district_staff: by('district_staff'),
    supervisor: by('supervisor'),
    school_leader: by('school_leader'),
    psych_teacher: 'psych03',
    head_teacher: by('head_teacher'),
    teacher: by('teacher'),
    dormitory_staff: by('dormitory_staff'),
    peer_supporter: by('peer_supporter'),
    student: by('student'),
    guardian: by('guardian'),
    hospital_doctor: by('hospital_doctor'),
    hotline_counselor: by('hotline_counselor'),
    other_school_psych: 'psych07',
  };
}

export type Fixtures = Awaited<ReturnType<typeof demoFixtures>>;

export interface MatrixRequest {
  url: string;
  body?: Record<string, unknown> | unknown[];
  /** A raw payload (e.g. multipart) with its headers, instead of a JSON body. */
  payload?: string | Buffer;
  headers?: Record<string, string>;
}

export interface MatrixCase {
  name: string;
  /** Targets a record of another school (and district) than the demo cast's home school. */
  crossSchool?: boolean;
  request: (f: Fixtures) => MatrixRequest | Promise<MatrixRequest>;
  /** Actors that get through. Everyone else must get 401 (anonymous) or 403/404, and never data. */
  allow: readonly MatrixActor[];
  /** Statuses that mean "got through"; defaults to 200, 201, 202, 204. */
  okStatus?: readonly number[];
}

export interface MatrixRow {
  /** `METHOD /url` exactly as registered, e.g. `GET /api/v1/students/:id`. */
  route: string;
  cases: MatrixCase[];
}

/** Actor groups, so rows read as policy. */
export const EVERYONE_SIGNED_IN: readonly MatrixActor[] = MATRIX_ACTORS.filter((a) => a !== 'anonymous');
export const EVERYONE: readonly MatrixActor[] = MATRIX_ACTORS;
