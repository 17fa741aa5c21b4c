import {
  type Action,
  type CaseDecision,
  type CaseEvent,
  type CaseEventType,
  type CaseFacts,
  type CaseRefusal,
  type CaseState,
  occurredAtRefusal,
  type OrgPlacement,
  type ReferralDecision,
  type ReferralRefusal,
  type RoleBinding,
} from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { RequestAccess } from '../access/request-access.js';
import type { Database } from '../db/types.js';
import type { Locale } from '../http/locale.js';
import { Problem } from '../http/problem.js';
import type { ServiceContext } from '../services/context.js';
import { caseProblem, cm, type CaseMessageKey } from './messages.js';
import { appendEvent, type CaseRow } from './store.js';
import { placementOf } from '../org/placement.js';

type Db = Kysely<Database>;

/** One timeline entry a command adds; free text in `note` is stored encrypted. */
export interface CaseEventInput {
  type: CaseEventType;
  payload?: Record<string, unknown>;
  note?: string | null;
}

/** What a command did: the timeline entries it adds and what its audit row says. */
export interface CommandDone<T> {
  result: T;
  events: CaseEventInput[];
  audit: { action: string; targetType?: string; targetId?: string; detail: Record<string, unknown> };
}

/** A repeated request that finds its work already done (a retry): nothing is written, so nothing is recorded. */
export interface AlreadyDone<T> {
  result: T;
  alreadyDone: true;
}

export interface CommandSpec<F extends { c: CaseRow }> {
  /** The policy action the actor needs on the record. */
  policy: Action;
  /** Finds (and locks) the case and whatever else the command acts on; throws 404 when it is not there. */
  find: (tx: Db) => Promise<F>;
  /** Where the record sits for the policy; the case by default (a hospital's doctor is checked on the referral). */
  placement?: (found: F) => OrgPlacement;
  /** Finds the binding itself, for a step the policy alone does not decide (a follow-up's responsible person). */
  authorize?: (found: F, access: RequestAccess) => RoleBinding;
}

/**
 * Every write on a case goes through here, in one transaction: find → check the actor's scope → the
 * command (which checks core's decision and writes) → its timeline entries → its audit row. A command
 * returns its events and audit facts instead of writing them, so none can forget its audit row.
 */
export async function runCaseCommand<F extends { c: CaseRow }, T>(
  ctx: ServiceContext,
  spec: CommandSpec<F>,
  command: (tx: Db, found: F, binding: RoleBinding) => Promise<CommandDone<T> | AlreadyDone<T>>,
): Promise<T> {
  // A caller already in a transaction (a counseling record's referral opens the case first) passes it as
  // ctx.db, so its own writes and the command's commit together or not at all.
  const inTransaction = <R>(fn: (tx: Db) => Promise<R>) =>
    ctx.db.isTransaction ? fn(ctx.db) : ctx.db.transaction().execute(fn);
  return inTransaction(async (tx) => {
    const found = await spec.find(tx);
    const binding = spec.authorize
      ? spec.authorize(found, ctx.access)
      : ctx.access.require(spec.policy, spec.placement?.(found) ?? placementOf(found.c));
    const done = await command(tx, found, binding);
    if ('alreadyDone' in done) return done.result;
    for (const e of done.events) await appendEvent(tx, found.c, ctx.actorId, e.type, e.payload, e.note);
    await ctx.audit(tx, {
      targetType: 'case',
      targetId: found.c.id,
      placement: placementOf(found.c),
      binding,
      ...done.audit,
    });
    return done.result;
  });
}

/** The refusal of a state-machine event as 409, naming every reason; nothing of the command is applied. */
export function guardProblem(locale: Locale, reasons: string[], facts: Pick<CaseFacts, 'state' | 'followUpsOpen'>) {
  const params = { state: cm(`state.${facts.state}`, locale), count: facts.followUpsOpen };
  const errors = reasons.map((r) => ({
    field: `/${r}`,
    key: 'field.invalid' as const,
    message: cm(`guard.${r as 'wrong_state'}`, locale, params),
  }));
  return new Problem('conflict', { detail: errors.map((e) => e.message).join(' '), errors, extra: { reasons } });
}

/** Core's answer to an event, or the 409 that refuses it. */
export function allowed(
  locale: Locale,
  decision: CaseDecision,
  facts: Pick<CaseFacts, 'state' | 'followUpsOpen'>,
): { from: CaseState; to: CaseState } {
  if (!decision.ok) throw guardProblem(locale, decision.reasons, facts);
  return decision;
}

/** The timeline entry of a state change: the machine's event, from and to. */
export function stateChanged(
  event: CaseEvent,
  move: { from: CaseState; to: CaseState },
  extra: { payload?: Record<string, unknown>; note?: string | null } = {},
): CaseEventInput {
  return {
    type: 'state_changed',
    payload: { event, from: move.from, to: move.to, ...extra.payload },
    note: extra.note,
  };
}

const REFUSAL_MESSAGES: Record<CaseRefusal, CaseMessageKey> = {
  case_closed: 'case.closed',
  case_not_started: 'case.early',
  review_outside_intervention: 'decision.review-state',
  closure_not_requested: 'decision.closure-state',
};

/** The 409 of a case rule that refuses the step. */
export function refusalProblem(locale: Locale, refusal: CaseRefusal): Problem {
  return caseProblem(locale, 'conflict', REFUSAL_MESSAGES[refusal]);
}

/** Throws the 409 when a case rule refuses the step. */
export function refuseIf(locale: Locale, refusal: CaseRefusal | null): void {
  if (refusal) throw refusalProblem(locale, refusal);
}

const REFERRAL_REFUSALS: Record<
  ReferralRefusal,
  { kind: 'conflict' | 'validation'; key: CaseMessageKey; field?: string }
> = {
  consent_recorded: { kind: 'conflict', key: 'referral.consent-recorded' },
  consent_missing: { kind: 'conflict', key: 'referral.no-consent' },
  feedback_missing: { kind: 'conflict', key: 'referral.no-feedback' },
  referral_returned: { kind: 'conflict', key: 'referral.returned' },
  certificate_missing: { kind: 'validation', key: 'referral.certificate-required', field: '/certificateRef' },
  referral_ended: { kind: 'conflict', key: 'referral.ended' },
  referral_admitted: { kind: 'conflict', key: 'referral.admitted' },
  reason_missing: { kind: 'validation', key: 'referral.reason-required', field: '/reason' },
  same_hospital: { kind: 'validation', key: 'referral.same-hospital', field: '/hospitalId' },
  not_admitted: { kind: 'conflict', key: 'referral.not-admitted' },
  stay_in_future: { kind: 'validation', key: 'occurred.in_future', field: '/dischargedAt' },
  discharge_before_admission: { kind: 'validation', key: 'referral.discharge-order', field: '/dischargedAt' },
  discharge_missing: { kind: 'validation', key: 'referral.discharge-missing', field: '/dischargedAt' },
};

/** Core's answer for a referral, or the problem that refuses it (the first reason). */
export function referralAllowed(locale: Locale, decision: ReferralDecision) {
  if (decision.ok) return decision;
  const r = REFERRAL_REFUSALS[decision.reasons[0]!];
  throw caseProblem(locale, r.kind, r.key, undefined, r.field);
}

/**
 * When a step with the guardian really happened, as core's rule accepts it: the stated time (the request's
 * field `field`), or now when none is given; a 400 naming the field otherwise.
 */
export function occurredAt(
  locale: Locale,
  stated: string | undefined,
  c: Pick<CaseRow, 'opened_at'>,
  now: Date,
  field = '/occurredAt',
): Date {
  if (stated === undefined) return now;
  const at = new Date(stated);
  const refusal = occurredAtRefusal(at, c.opened_at, now);
  if (refusal) throw caseProblem(locale, 'validation', `occurred.${refusal}`, undefined, field);
  return at;
}
