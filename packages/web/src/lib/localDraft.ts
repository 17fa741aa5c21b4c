// A questionnaire's answers kept in this browser while the server has not confirmed them (autosave failed,
// or the submit's answer was lost). Removed as soon as the server holds the same answers.
import type { AnswerMap, DraftPosition } from '../api/screening';

export interface LocalDraft {
  answers: AnswerMap;
  position: DraftPosition | null;
  /** Increases with every change, so an older save's confirmation does not remove newer answers. */
  rev: number;
  /** Set once the respondent pressed submit: a retry after a lost answer reuses it (the server is idempotent). */
  submissionId?: string;
  /** Time spent answering so far, for the server's careless-responding check. */
  elapsedMs?: number;
  updatedAt: string;
}

const key = (assignmentId: string) => `yuxin.draft.${assignmentId}`;

export function readLocalDraft(assignmentId: string): LocalDraft | null {
  try {
    const raw = localStorage.getItem(key(assignmentId));
    if (!raw) return null;
    const v = JSON.parse(raw) as LocalDraft;
    return v && typeof v === 'object' && v.answers && typeof v.answers === 'object' ? v : null;
  } catch {
    return null;
  }
}

export function writeLocalDraft(assignmentId: string, draft: LocalDraft): void {
  try {
    localStorage.setItem(key(assignmentId), JSON.stringify(draft));
  } catch {
    // Storage full or unavailable: the server copy is all there is.
  }
}

export function clearLocalDraft(assignmentId: string): void {
  try {
    localStorage.removeItem(key(assignmentId));
  } catch {
    // nothing to clear
  }
}

/** A submission id that survives a reload: the one already stored for this questionnaire, or a new one. */
export function newSubmissionId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Older browsers: a version-4 UUID from getRandomValues.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
