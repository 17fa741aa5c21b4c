import { getInstrument, toFhirQuestionnaire } from '@yuxin/core';
import type { MatrixActor, MatrixRow } from '../testing/matrix.js';

/** Everyone whose role holds `instrument.read` (core ROLE_ACTIONS); instruments belong to no school. */
export const INSTRUMENT_READERS: readonly MatrixActor[] = [
  'city_admin',
  'district_admin',
  'school_admin',
  'city_staff',
  'district_staff',
  'school_leader',
  'psych_teacher',
  'hospital_doctor',
  'other_school_psych',
];

/**
 * `instrument.manage` changes what the whole city screens with, so it needs a city-level binding: district
 * and school administrators hold the action but are refused (403).
 */
export const INSTRUMENT_MANAGERS: readonly MatrixActor[] = ['city_admin', 'city_staff'];

// RSES is optional and never drives tiers or alerts, so the extra versions these rows create disturb nothing.
const editedRses = () => JSON.parse(JSON.stringify(getInstrument('rses', 1))) as Record<string, unknown>;

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/instruments',
    cases: [{ name: 'the library', request: () => ({ url: '/api/v1/instruments' }), allow: INSTRUMENT_READERS }],
  },
  {
    route: 'GET /api/v1/instruments/:code',
    cases: [
      { name: 'latest version', request: () => ({ url: '/api/v1/instruments/phqa' }), allow: INSTRUMENT_READERS },
      // No instrument belongs to a school: an actor of another district's school reads the same definition.
      {
        name: 'a given version, read from another school',
        crossSchool: true,
        request: () => ({ url: '/api/v1/instruments/phq9?version=1' }),
        allow: INSTRUMENT_READERS,
      },
    ],
  },
  {
    route: 'GET /api/v1/instruments/:code/fhir',
    cases: [
      {
        name: 'FHIR Questionnaire',
        request: () => ({ url: '/api/v1/instruments/gad7/fhir?lang=en' }),
        allow: INSTRUMENT_READERS,
      },
      {
        name: 'FHIR Questionnaire, from another school',
        crossSchool: true,
        request: () => ({ url: '/api/v1/instruments/psc17/fhir?version=1' }),
        allow: INSTRUMENT_READERS,
      },
    ],
  },
  {
    route: 'POST /api/v1/instruments/:code/versions',
    cases: [
      {
        name: 'edit into the next version',
        request: () => ({ url: '/api/v1/instruments/rses/versions', body: editedRses() }),
        allow: INSTRUMENT_MANAGERS,
      },
      {
        name: 'edit, by actors of another school',
        crossSchool: true,
        request: () => ({ url: '/api/v1/instruments/rses/versions', body: editedRses() }),
        allow: INSTRUMENT_MANAGERS,
      },
    ],
  },
  {
    route: 'POST /api/v1/instruments/import-fhir',
    cases: [
      {
        name: 'import an exported Questionnaire',
        request: () => ({
          url: '/api/v1/instruments/import-fhir',
          body: JSON.parse(JSON.stringify(toFhirQuestionnaire(getInstrument('rses', 1)!, 'zh-CN'))) as Record<
            string,
            unknown
          >,
        }),
        allow: INSTRUMENT_MANAGERS,
      },
    ],
  },
];
