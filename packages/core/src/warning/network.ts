import type { Role } from '../access/roles.js';

/**
 * Levels of a city's warning network (预警网络). Cities name them differently, so the levels are a city
 * setting; these are the presets the service ships.
 */
export const NETWORK_LEVELS = ['school', 'grade', 'class', 'dormitory', 'peer', 'society'] as const;
export type NetworkLevel = (typeof NETWORK_LEVELS)[number];

export const NETWORK_PRESETS = {
  /** 济南: 学校-年级-班级-宿舍 */
  jinan: ['school', 'grade', 'class', 'dormitory'],
  /** 长春: 学校-年级-班级-朋辈 */
  changchun: ['school', 'grade', 'class', 'peer'],
  /** 常州: 班级-学校-社会 */
  changzhou: ['class', 'school', 'society'],
  /**
   * 济宁: the sources we hold name no levels of Jining's own; a Shandong city, it starts from the province's
   * four levels as Jinan does, and the city changes them on the settings page.
   */
  jining: ['school', 'grade', 'class', 'dormitory'],
} as const satisfies Record<string, readonly NetworkLevel[]>;
export type NetworkPreset = keyof typeof NETWORK_PRESETS;

/** Roles that may file an observation about a student they are bound to. */
export const OBSERVER_ROLES: readonly Role[] = [
  'peer_supporter',
  'dormitory_staff',
  'teacher',
  'head_teacher',
  'psych_teacher',
  'school_leader',
  'guardian',
];

// In order of preference: where in the network a filer of this role usually sits.
const ROLE_LEVELS: Partial<Record<Role, readonly NetworkLevel[]>> = {
  peer_supporter: ['peer', 'class', 'dormitory'],
  head_teacher: ['class', 'grade'],
  // A subject teacher sees a student in class; a network without a class level files them under the school.
  teacher: ['class', 'school'],
  // Cities without a dormitory level (Changchun, Changzhou) count the boarding staff as the school's.
  dormitory_staff: ['dormitory', 'school'],
  psych_teacher: ['school'],
  school_leader: ['school'],
  guardian: ['society'],
};

/**
 * The network level an observation by this role is filed under when the filer does not pick one, or null
 * when the city's network has no level for this role (a guardian in Jinan's school-only network).
 */
export function defaultNetworkLevel(role: Role, cityLevels: readonly NetworkLevel[]): NetworkLevel | null {
  return ROLE_LEVELS[role]?.find((l) => cityLevels.includes(l)) ?? null;
}

/** What an observer can tick on the short form: what was seen, in the words of the network's training. */
export const OBSERVATION_SIGNS = [
  'self_harm_talk', // talk of death, self-harm or suicide
  'self_harm_sign', // injuries, giving things away, farewell messages
  'mood_change', // lasting low mood, crying, irritability
  'withdrawal', // avoids others, stops activities
  'sleep_appetite', // sleep or eating changes
  'conflict', // bullying, fights, family conflict
  'absence', // truancy, refusing school
  'other',
] as const;
export type ObservationSign = (typeof OBSERVATION_SIGNS)[number];
