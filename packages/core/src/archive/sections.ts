import type { Actor, OrgPlacement } from '../access/policy.js';
import { authorize, roleAllows, scopeContains } from '../access/policy.js';
import type { Role } from '../access/roles.js';

/**
 * The parts of a student's archive (一生一档), in the order the page and the PDF show them. `handover`
 * holds the hand-over summaries of a transfer (转接摘要); `family` the family situation and growth
 * history (家庭情况、成长环境与经历); `homeContacts` the home visits and calls (家访).
 */
export const ARCHIVE_SECTIONS = [
  'profile',
  'screenings',
  'tiers',
  'observations',
  'cases',
  'referrals',
  'handover',
  'family',
  'homeContacts',
] as const;
export type ArchiveSection = (typeof ARCHIVE_SECTIONS)[number];

/**
 * How much of a section a reader gets. `full`: everything; `own`: only what the reader wrote themself
 * (a head teacher's own observations, never the psychology teachers' notes on them); `summary`: the state
 * without clinical detail (the leader sees the current tier and whether a case is open, not its notes).
 * Ordered: a reader holding two roles gets the wider one.
 */
export const REACHES = ['summary', 'own', 'full'] as const;
export type Reach = (typeof REACHES)[number];

/**
 * Who reads which section: one entry per section, so a new section is one line here. Psychology teachers
 * of the student's school read everything; the head teacher what a class teacher needs to care for the
 * child and what they wrote; the school leader the profile and the state of tier and case. Guardians,
 * students and every other role read none of it.
 */
export const READERS: Record<ArchiveSection, Partial<Record<Role, Reach>>> = {
  profile: { psych_teacher: 'full', head_teacher: 'full', school_leader: 'full' },
  screenings: { psych_teacher: 'full' },
  tiers: { psych_teacher: 'full', school_leader: 'summary' },
  observations: { psych_teacher: 'full', head_teacher: 'own' },
  cases: { psych_teacher: 'full', school_leader: 'summary' },
  referrals: { psych_teacher: 'full' },
  handover: { psych_teacher: 'full' },
  family: { psych_teacher: 'full', head_teacher: 'full' },
  homeContacts: { psych_teacher: 'full', head_teacher: 'full' },
};

/** Roles that may open an archive at all: those that read at least one section. */
export const ARCHIVE_ROLES: readonly Role[] = [
  ...new Set(Object.values(READERS).flatMap((readers) => Object.keys(readers) as Role[])),
];

export type ReadableSections = Partial<Record<ArchiveSection, Reach>>;

function wider(a: Reach | undefined, b: Reach): Reach {
  return a === undefined || REACHES.indexOf(b) > REACHES.indexOf(a) ? b : a;
}

/** The sections one role reads, with how much of each. */
export function sectionsForRole(role: Role): ReadableSections {
  const out: ReadableSections = {};
  for (const section of ARCHIVE_SECTIONS) {
    const reach = READERS[section][role];
    if (reach) out[section] = reach;
  }
  return out;
}

/**
 * The sections this actor reads of the student placed at `target`: the union over the bindings that both
 * allow opening archives and contain the student (a head teacher of another class gets nothing, even
 * though their role reads some sections elsewhere). Empty means the archive is not theirs to open.
 */
export function readableSections(actor: Actor, target: OrgPlacement): ReadableSections {
  const out: ReadableSections = {};
  if (!authorize(actor, 'archive.read', target).allowed) return out;
  for (const binding of actor.bindings) {
    if (!roleAllows(binding.role, 'archive.read') || !scopeContains(binding.scope, target)) continue;
    for (const [section, reach] of Object.entries(sectionsForRole(binding.role)) as [ArchiveSection, Reach][])
      out[section] = wider(out[section], reach);
  }
  return out;
}
