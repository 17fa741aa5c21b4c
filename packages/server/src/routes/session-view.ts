import { ACTIONS, canEver, type Action, type Actor, type ScopeLevel } from '@yuxin/core';
import type { Kysely } from 'kysely';
import { Type, type Static } from 'typebox';
import type { SignedIn } from '../auth/actor.js';
import type { Database } from '../db/types.js';

const Binding = Type.Object({
  id: Type.String(),
  role: Type.String(),
  scope: Type.Object({ level: Type.String(), id: Type.String(), name: Type.String() }),
});

export const SessionView = Type.Object({
  user: Type.Object({
    id: Type.String(),
    displayName: Type.String(),
    username: Type.String(),
    kind: Type.Union([Type.Literal('staff'), Type.Literal('student'), Type.Literal('guardian')]),
    locale: Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]),
    mustChangePassword: Type.Boolean(),
    /** What this session still owes before anything else: a TOTP code, or setting up an authenticator. */
    secondFactor: Type.Union([Type.Literal('verify'), Type.Literal('enrol'), Type.Null()]),
    bindings: Type.Array(Binding),
  }),
  csrfToken: Type.String(),
  nav: Type.Array(Type.String()),
  /** Actions the user holds somewhere, so the UI shows only the buttons that will work. */
  can: Type.Array(Type.String()),
});
export type SessionViewT = Static<typeof SessionView>;

/** Navigation keys in display order, each shown only when the policy grants its action somewhere. */
const NAV: Array<{ key: string; needs: Action[] | 'always' }> = [
  { key: 'home', needs: 'always' },
  { key: 'my-profile', needs: ['self.read'] },
  { key: 'my-screenings', needs: ['screening.take'] },
  { key: 'alerts', needs: ['alert.read'] },
  { key: 'cases', needs: ['case.read'] },
  { key: 'follow-ups', needs: ['followup.own'] },
  { key: 'referrals', needs: ['referral.read'] },
  { key: 'sweeps', needs: ['sweep.read'] },
  { key: 'case-stats', needs: ['case.stats'] },
  { key: 'observe', needs: ['observation.file'] },
  { key: 'tier-review', needs: ['tier.review'] },
  { key: 'screening-results', needs: ['response.read'] },
  { key: 'class-tiers', needs: ['tier.read'] },
  { key: 'campaigns', needs: ['campaign.read'] },
  { key: 'reports', needs: ['report.read'] },
  { key: 'supervision', needs: ['supervision.read'] },
  { key: 'compliance', needs: ['compliance.read'] },
  { key: 'org', needs: ['org.read'] },
  { key: 'students', needs: ['student.list'] },
  { key: 'roster-import', needs: ['roster.import'] },
  { key: 'accounts', needs: ['account.manage', 'account.print'] },
  { key: 'staff', needs: ['staff.read'] },
  { key: 'audit', needs: ['audit.read'] },
];

export function navFor(actor: Actor): string[] {
  return NAV.filter((n) => n.needs === 'always' || n.needs.some((a) => canEver(actor, a))).map((n) => n.key);
}

export async function scopeNames(
  db: Kysely<Database>,
  scopes: Array<{ level: ScopeLevel; id: string }>,
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const orgIds = scopes.filter((s) => !['hospital', 'person'].includes(s.level)).map((s) => s.id);
  const hospitalIds = scopes.filter((s) => s.level === 'hospital').map((s) => s.id);
  const personIds = scopes.filter((s) => s.level === 'person').map((s) => s.id);
  if (orgIds.length) {
    // A class or grade alone ("1班") says nothing; name it with its school and grade.
    const rows = await db
      .selectFrom('org_unit as u')
      .leftJoin('org_unit as sch', (j) => j.onRef('sch.id', '=', 'u.school_id').on('u.kind', 'in', ['grade', 'class']))
      .leftJoin('org_unit as g', (j) => j.onRef('g.id', '=', 'u.grade_id').on('u.kind', '=', 'class'))
      .select(['u.id', 'u.name_zh', 'sch.name_zh as school', 'g.name_zh as grade'])
      .where('u.id', 'in', orgIds)
      .execute();
    for (const r of rows) names.set(r.id, [r.school, r.grade, r.name_zh].filter(Boolean).join(' '));
  }
  if (hospitalIds.length)
    for (const r of await db.selectFrom('hospital').select(['id', 'name_zh']).where('id', 'in', hospitalIds).execute())
      names.set(r.id, r.name_zh);
  if (personIds.length)
    for (const r of await db.selectFrom('student').select(['id', 'name']).where('id', 'in', personIds).execute())
      names.set(r.id, r.name);
  return names;
}

export async function buildSessionView(
  db: Kysely<Database>,
  signedIn: SignedIn,
  csrfToken: string,
  secondFactor: 'verify' | 'enrol' | null = null,
): Promise<SessionViewT> {
  const { account } = signedIn;
  // Until the second factor is settled the session may do nothing, and the view offers nothing.
  const actor = secondFactor ? { ...signedIn.actor, bindings: [] } : signedIn.actor;
  const names = await scopeNames(
    db,
    actor.bindings.map((b) => b.scope),
  );
  return {
    user: {
      id: account.id,
      displayName: account.display_name,
      username: account.username,
      kind: account.kind,
      locale: account.locale,
      mustChangePassword: account.must_change_password,
      secondFactor,
      bindings: actor.bindings.map((b) => ({
        id: b.id,
        role: b.role,
        scope: { ...b.scope, name: names.get(b.scope.id) ?? '' },
      })),
    },
    csrfToken,
    nav: navFor(actor),
    can: ACTIONS.filter((a) => canEver(actor, a)),
  };
}
