/**
 * 转学 and 升学 (issue 14): a student moves to another school by a request the receiving school accepts.
 * Jinan (济教发〔2021〕20号 §9) asks for 心理档案转接 between stages, Changzhou (常教办〔2021〕90号 §16) for
 * 档案移交: the sending psychology teacher writes and signs a hand-over summary that the receiving
 * psychology teachers read once they have accepted the student.
 */

/** A move between schools in the same stage (转学) or into the next stage (升学). */
export const TRANSFER_KINDS = ['transfer', 'graduation'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

export const TRANSFER_STATUSES = ['requested', 'accepted', 'declined', 'cancelled'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

/** Who acts: the receiving school accepts or declines, the sending school (or whoever raised it) cancels. */
export const TRANSFER_EVENTS = ['accept', 'decline', 'cancel'] as const;
export type TransferEvent = (typeof TRANSFER_EVENTS)[number];

/**
 * What becomes of an open case: handed over to the receiving school (it moves with the student, never
 * dropped), or closed by the sending school before the student leaves.
 */
export const CASE_DISPOSITIONS = ['hand_over', 'close_before'] as const;
export type CaseDisposition = (typeof CASE_DISPOSITIONS)[number];

const NEXT: Record<TransferEvent, TransferStatus> = { accept: 'accepted', decline: 'declined', cancel: 'cancelled' };

export type TransferStep = { ok: true; status: TransferStatus } | { ok: false; reason: 'not_open' };

/** Only a request still waiting can be decided; accepted, declined and cancelled are final. */
export function transferStep(status: TransferStatus, event: TransferEvent): TransferStep {
  if (status !== 'requested') return { ok: false, reason: 'not_open' };
  return { ok: true, status: NEXT[event] };
}

/** Facts about the student the receiving school is about to take on. */
export interface HandoverFacts {
  /** The current confirmed tier (1–3), null when none was ever confirmed. */
  tier: number | null;
  caseOpen: boolean;
  summarySigned: boolean;
  caseDisposition: CaseDisposition | null;
}

/** A student in tier 2 or 3, or with an open case, needs attention the new school must know of. */
export function handoverRequired(f: Pick<HandoverFacts, 'tier' | 'caseOpen'>): boolean {
  return (f.tier != null && f.tier >= 2) || f.caseOpen;
}

export type AcceptRefusal = 'summary_unsigned' | 'case_open' | 'disposition_missing';

/**
 * Why an acceptance must wait: the signed summary, when one is required; an open case that the sending
 * school said it would close first; or an open case for which nobody said what becomes of it.
 */
export function acceptRefusal(f: HandoverFacts): AcceptRefusal | null {
  if (handoverRequired(f) && !f.summarySigned) return 'summary_unsigned';
  if (f.caseOpen && f.caseDisposition === 'close_before') return 'case_open';
  if (f.caseOpen && f.caseDisposition == null) return 'disposition_missing';
  return null;
}

/** A graduate moves into the next stage (升学); anyone else between schools is a transfer. */
export function transferKindFor(student: { status: string; finalGrade: boolean }): TransferKind {
  return student.status === 'graduated' || student.finalGrade ? 'graduation' : 'transfer';
}
