import { ACTIONS, canEver, type Action, type Actor } from '@yuxin/core';
import type { Kysely } from 'kysely';
import { Type, type Static } from 'typebox';
import { scopeNames } from '../access/scope-names.js';
import type { SignedIn } from './actor.js';
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
    /** Set when signed in with a screening code: the one questionnaire this session may answer. */
    onlyAssignment: Type.Union([Type.String(), Type.Null()]),
  }),
  csrfToken: Type.String(),
  nav: Type.Array(Type.String()),
  /** Actions the user holds somewhere, so the UI shows only the buttons that will work. */
  can: Type.Array(Type.String()),
});
export type SessionViewT = Static<typeof SessionView>;

/** Navigation keys in display order, each shown only when the policy grants its action somewhere. */
const NAV: Array<{ key: string; needs: Action[] | 'always'; cityWide?: true }> = [
  { key: 'home', needs: 'always' },
  { key: 'my-profile', needs: ['self.read'] },
  { key: 'my-screenings', needs: ['screening.take'] },
  { key: 'my-wellbeing', needs: ['wellbeing.self'] },
  { key: 'my-family', needs: ['referral.consent'] },
  { key: 'my-mailbox', needs: ['mailbox.write'] },
  { key: 'alerts', needs: ['alert.read'] },
  { key: 'cases', needs: ['case.read'] },
  { key: 'follow-ups', needs: ['followup.own'] },
  { key: 'referrals', needs: ['referral.read'] },
  { key: 'sweeps', needs: ['sweep.read'] },
  { key: 'case-stats', needs: ['case.stats'] },
  { key: 'observe', needs: ['observation.file'] },
  { key: 'counseling', needs: ['counseling.book', 'counseling.duty'] },
  { key: 'mailbox', needs: ['mailbox.answer'] },
  { key: 'transfers', needs: ['transfer.accept'] },
  { key: 'tier-review', needs: ['tier.review'] },
  { key: 'screening-results', needs: ['response.read'] },
  { key: 'class-tiers', needs: ['tier.read'] },
  { key: 'campaigns', needs: ['campaign.read'] },
  { key: 'reports', needs: ['report.read'] },
  { key: 'supervision', needs: ['supervision.read'] },
  { key: 'activities', needs: ['activity.record'] },
  // 家长学校: the staff who record the school's lectures plan them and take attendance on site.
  { key: 'parent-lectures', needs: ['supervision.record'] },
  { key: 'compliance', needs: ['compliance.read'] },
  { key: 'hotline-calls', needs: ['hotline.call'] },
  { key: 'hotline-shifts', needs: ['hotline.shift'] },
  { key: 'hotline-report', needs: ['hotline.report'] },
  { key: 'staff-wellbeing', needs: ['wellbeing.callback', 'wellbeing.counts'] },
  { key: 'org', needs: ['org.read'] },
  // The city's lists: only a city-level binding manages them, so a district's administrator is not shown
  // pages that would refuse them.
  { key: 'hospitals', needs: ['org.manage'], cityWide: true },
  { key: 'school-years', needs: ['org.manage'], cityWide: true },
  // The city's settings are changed by a city-level binding only (campaign.manage at city level).
  { key: 'settings', needs: ['campaign.manage'], cityWide: true },
  { key: 'students', needs: ['student.list'] },
  { key: 'roster-import', needs: ['roster.import'] },
  { key: 'accounts', needs: ['account.manage', 'account.print'] },
  { key: 'staff', needs: ['staff.read'] },
  { key: 'audit', needs: ['audit.read'] },
];

function navFor(actor: Actor): string[] {
  const cityActor = { ...actor, bindings: actor.bindings.filter((b) => b.scope.level === 'city') };
  return NAV.filter((n) => n.needs === 'always' || n.needs.some((a) => canEver(n.cityWide ? cityActor : actor, a))).map(
    (n) => n.key,
  );
}

export async function buildSessionView(
  db: Kysely<Database>,
  signedIn: SignedIn,
  csrfToken: string,
  secondFactor: 'verify' | 'enrol' | null = null,
  known?: Parameters<typeof scopeNames>[2],
): Promise<SessionViewT> {
  const { account } = signedIn;
  // Until the second factor is settled the session may do nothing, and the view offers nothing.
  const actor = secondFactor ? { ...signedIn.actor, bindings: [] } : signedIn.actor;
  const names = await scopeNames(
    db,
    actor.bindings.map((b) => b.scope),
    known,
  );
  return {
    user: {
      id: account.id,
      displayName: account.display_name,
      username: account.username,
      kind: account.kind,
      locale: account.locale,
      // A code session gave no password and is never asked to change one (the gate does not ask either).
      mustChangePassword: actor.onlyAssignment ? false : account.must_change_password,
      secondFactor,
      onlyAssignment: actor.onlyAssignment ?? null,
      bindings: actor.bindings.map((b) => ({
        id: b.id,
        role: b.role,
        scope: { ...b.scope, name: names.get(b.scope.id) ?? '' },
      })),
    },
    csrfToken,
    // A screening-code session answers one questionnaire and is offered nothing else.
    nav: actor.onlyAssignment ? ['my-screenings'] : navFor(actor),
    can: actor.onlyAssignment ? ['screening.take'] : ACTIONS.filter((a) => canEver(actor, a)),
  };
}
