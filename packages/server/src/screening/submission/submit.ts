import type { ServiceContext } from '../../services/context.js';
import { getScreeningSettings } from '../settings.js';
import { checkSubmittedAnswers, type AnswerMap } from './answers.js';
import { blockerOf, loadOwnAssignment, type AssignmentRow } from './assignment.js';
import { draftActiveMs, MAX_ACTIVE_MS } from './draft.js';
import { evaluateSubmission } from './evaluate.js';
import { loadPinned } from './pinned.js';
import { answersProblem, screeningProblem } from './problems.js';
import { buildReceipt } from './receipt.js';
import { findSubmission, storeSubmission, SubmissionIdTaken } from './store.js';

export interface SubmitBody {
  submissionId: string;
  answers: AnswerMap;
  /** Answering time since the last draft save, added to what the drafts hold. */
  activeMs?: number;
  /** Older clients' whole answering time, measured in one tab: used only without `activeMs`. */
  durationMs?: number | null;
}

/**
 * The respondent's submit: check, score, store in one transaction, and only then answer with the receipt.
 * The same submission id again gets the same receipt; another id for a completed assignment gets 409.
 */
export async function submitAsRespondent(ctx: ServiceContext, assignmentId: string, body: SubmitBody) {
  const { db, locale } = ctx;
  const { row, binding } = await loadOwnAssignment(db, ctx.access, assignmentId);
  const settings = await getScreeningSettings(db, row.city_id);
  const receipt = (submittedAt: Date) =>
    buildReceipt({
      submissionId: body.submissionId,
      submittedAt,
      respondent: row.respondent,
      locale,
      hotlines: settings.hotline,
    });

  const refuse = async (
    current: Pick<AssignmentRow, 'status' | 'consent_status' | 'campaign_status' | 'opens_at' | 'closes_at'>,
  ) => {
    const earlier = await findSubmission(db, row.id, body.submissionId);
    if (earlier) return receipt(earlier);
    const blocker = blockerOf(current);
    throw screeningProblem(
      locale,
      'conflict',
      blocker === 'completed' || blocker === null ? 'submit.already-completed' : `availability.${blocker}`,
    );
  };
  if (blockerOf(row)) return refuse(row);

  const defs = await loadPinned(db, row.instruments);
  const errors = checkSubmittedAnswers(defs, body.answers, locale);
  if (errors.length > 0) throw answersProblem(errors);
  // Answering time as the server kept it across sessions and devices; a pause is not answering.
  // A client that counts active time sends `activeMs` (0 included); one that does not keeps its own total.
  const durationMs =
    body.activeMs !== undefined
      ? Math.min(((await draftActiveMs(db, row.id)) ?? 0) + body.activeMs, MAX_ACTIVE_MS)
      : (body.durationMs ?? null);
  const evaluation = evaluateSubmission(defs, body.answers, {
    durationMs,
    tierRules: settings.tierRules,
    minSecondsPerItem: settings.minSecondsPerItem,
  });

  let outcome;
  try {
    outcome = await storeSubmission(db, {
      assignment: row,
      submissionId: body.submissionId,
      durationMs,
      submittedBy: ctx.actorId,
      evaluation,
      ruleSetVersion: `${settings.tierRules.id}@${settings.tierRules.version}`,
      // Which forms were sent, never what was answered or what it means.
      audit: ({ responseIds }) =>
        ctx.auditEntry({
          action: 'screening.submit',
          targetType: 'screening_assignment',
          targetId: row.id,
          placement: { cityId: row.city_id, districtId: row.district_id, schoolId: row.school_id },
          binding,
          detail: {
            campaignId: row.campaign_id,
            submissionId: body.submissionId,
            instruments: defs.map((d) => `${d.code}@${d.version}`),
            responseIds,
          },
        }),
    });
  } catch (err) {
    if (err instanceof SubmissionIdTaken) throw screeningProblem(locale, 'conflict', 'submit.id-reused');
    throw err;
  }
  if (outcome.kind === 'stored') return receipt(outcome.submittedAt);

  const now = await loadOwnAssignment(db, ctx.access, assignmentId);
  return refuse(now.row);
}
