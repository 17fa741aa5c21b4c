// A questionnaire's answers kept on this device while the server has not confirmed them (autosave failed,
// the network dropped, or a submit is waiting for the network). Removed as soon as the server holds them.
// Kept in IndexedDB: it survives a closed tab or a phone that kills the browser, and is not capped at a few
// megabytes shared with everything else as localStorage is. Where IndexedDB is unavailable (some private
// windows) localStorage is the fallback.
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { AnswerMap, DraftPosition } from '../api/screening';

export interface LocalDraft {
  answers: AnswerMap;
  position: DraftPosition | null;
  /** Increases with every change, so an older save's confirmation does not remove newer answers. */
  rev: number;
  /** Set once the respondent pressed submit: a retry after a lost answer reuses it (the server is idempotent). */
  submissionId?: string;
  /** The respondent pressed submit and no receipt came yet: sent again, with the same id, when online. */
  pendingSubmit?: boolean;
  /**
   * Answering time the server has not been told of yet (it adds each save's share to the draft, across
   * sessions and devices, for its "answered too fast" check).
   */
  unsentActiveMs?: number;
  updatedAt: string;
}

const key = (assignmentId: string) => `yuxin.draft.${assignmentId}`;

let store: UseStore | null | undefined;
function drafts(): UseStore | null {
  if (store === undefined) {
    try {
      store = typeof indexedDB === 'undefined' ? null : createStore('yuxin', 'drafts');
    } catch {
      store = null;
    }
  }
  return store;
}

function valid(v: unknown): v is LocalDraft {
  return !!v && typeof v === 'object' && !!(v as LocalDraft).answers && typeof (v as LocalDraft).answers === 'object';
}

function readFallback(assignmentId: string): LocalDraft | null {
  try {
    const raw = localStorage.getItem(key(assignmentId));
    const v: unknown = raw ? JSON.parse(raw) : null;
    return valid(v) ? v : null;
  } catch {
    return null;
  }
}

export async function readLocalDraft(assignmentId: string): Promise<LocalDraft | null> {
  const s = drafts();
  if (s) {
    try {
      const v: unknown = await get(key(assignmentId), s);
      if (valid(v)) return v;
    } catch {
      // IndexedDB refused (private window, storage pressure): the fallback below may hold a copy.
    }
  }
  // Also copies kept by an earlier version of the app, which used localStorage only.
  return readFallback(assignmentId);
}

export async function writeLocalDraft(assignmentId: string, draft: LocalDraft): Promise<void> {
  const s = drafts();
  if (s) {
    try {
      await set(key(assignmentId), draft, s);
      return;
    } catch {
      // fall back to localStorage
    }
  }
  try {
    localStorage.setItem(key(assignmentId), JSON.stringify(draft));
  } catch {
    // Storage full or unavailable: the server copy is all there is.
  }
}

export async function clearLocalDraft(assignmentId: string): Promise<void> {
  try {
    localStorage.removeItem(key(assignmentId));
  } catch {
    // nothing to clear
  }
  const s = drafts();
  if (s) {
    try {
      await del(key(assignmentId), s);
    } catch {
      // nothing to clear
    }
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
