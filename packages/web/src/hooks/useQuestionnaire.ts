import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { isApiError } from '../api/problem';
import { screeningApi, type AnswerMap, type MyScreeningDetail, type Receipt } from '../api/screening';
import { clearLocalDraft, newSubmissionId, writeLocalDraft, type LocalDraft } from '../lib/localDraft';
import {
  answerAt,
  missingRequired,
  normalizeAnswers,
  positionOf,
  resumeIndex,
  visibleSteps,
  withAnswer,
  type Step,
} from '../lib/questionnaire';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'local';

export type SubmitState =
  | { kind: 'idle' }
  | { kind: 'submitting' }
  /** No receipt yet because the network failed: kept on the device, sent again (same id) until one comes. */
  | { kind: 'queued' }
  | { kind: 'failed'; message: string }
  | { kind: 'done'; receipt: Receipt };

const SAVE_DELAY_MS = 600;
const RETRY_DELAYS_MS = [3_000, 6_000, 12_000, 30_000];
/** A waiting submit is tried again this often (and at once when the browser says it is back online). */
const SUBMIT_RETRY_MS = [2_000, 4_000, 8_000, 15_000, 30_000, 60_000];
/** Longer pauses than this do not count as answering time. */
const MAX_GAP_MS = 120_000;

/** The server takes at most this much answering time from one save. */
const MAX_ACTIVE_PER_SAVE_MS = 3_600_000;

/** Drafts may be short and partial; only option codes and blanks are sent. */
function normalizeForDraft(instruments: MyScreeningDetail['instruments'], a: AnswerMap): AnswerMap {
  const out: AnswerMap = {};
  for (const inst of instruments) {
    const list = a[inst.code];
    if (list) out[inst.code] = list.slice(0, inst.items.length).map((x) => (typeof x === 'number' ? x : null));
  }
  return out;
}

const transient = (e: unknown) =>
  !isApiError(e) || e.status === 0 || e.status >= 500 || e.status === 408 || e.status === 429;

/**
 * The respondent's questionnaire: answers, where they are, autosave to the draft route (debounced; kept on
 * the device and retried while the network fails), and an idempotent submit that, without network, waits on
 * the device and is sent again with the same submission id until the server gives a receipt.
 *
 * `local` is this device's unconfirmed copy (lib/localDraft.ts), read before the questions show.
 */
export function useQuestionnaire(detail: MyScreeningDetail, local: LocalDraft | null, onStale: () => void) {
  const id = detail.id;
  const instruments = detail.instruments;

  // Start from this device's unconfirmed copy when there is one (it is newer than the server's), else the server's draft.
  const initial = useMemo(() => {
    if (local)
      return {
        answers: local.answers,
        position: local.position,
        fromLocal: true,
        submissionId: local.submissionId,
        pendingSubmit: !!local.pendingSubmit && !!local.submissionId,
        unsentActiveMs: local.unsentActiveMs ?? 0,
      };
    return {
      answers: detail.draft?.answers ?? {},
      position: detail.draft?.position ?? null,
      fromLocal: false,
      submissionId: undefined,
      pendingSubmit: false,
      unsentActiveMs: 0,
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  const [answers, setAnswers] = useState<AnswerMap>(initial.answers);
  const [index, setIndex] = useState(() => resumeIndex(instruments, initial.answers, initial.position));
  const [saveStatus, setSaveStatus] = useState<SaveStatus>(
    initial.fromLocal ? 'local' : detail.draft ? 'saved' : 'idle',
  );
  const [submit, setSubmit] = useState<SubmitState>(initial.pendingSubmit ? { kind: 'queued' } : { kind: 'idle' });

  const steps = useMemo(() => visibleSteps(instruments, answers), [instruments, answers]);
  const current: Step | undefined = steps[Math.min(index, steps.length - 1)];
  const hasStarted = Object.values(initial.answers).some((l) => l.some((a) => a !== null)) || !!initial.position;

  // Mutable state the timers read.
  const latest = useRef({
    answers,
    position: positionOf(instruments, current),
    rev: 0,
    savedRev: initial.fromLocal ? -1 : 0,
  });
  const submissionId = useRef<string | undefined>(initial.submissionId);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef(false);
  const retries = useRef(0);
  const stopped = useRef(false);
  /** Submit pressed, no receipt yet: the submit carries the answers, so drafts are no longer sent. */
  const pendingSubmit = useRef(initial.pendingSubmit);
  const submitInFlight = useRef(false);
  const submitTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const submitTries = useRef(0);
  // Answering time not yet sent: each draft save hands its share to the server, which keeps the sum.
  const unsentActive = useRef(initial.unsentActiveMs);
  const lastTick = useRef(Date.now());

  const tick = useCallback(() => {
    const now = Date.now();
    unsentActive.current += Math.min(now - lastTick.current, MAX_GAP_MS);
    lastTick.current = now;
  }, []);

  const keepLocally = useCallback(() => {
    const l = latest.current;
    const draft: LocalDraft = {
      answers: l.answers,
      position: l.position,
      rev: l.rev,
      updatedAt: new Date().toISOString(),
    };
    if (submissionId.current) draft.submissionId = submissionId.current;
    if (pendingSubmit.current) draft.pendingSubmit = true;
    if (unsentActive.current > 0) draft.unsentActiveMs = Math.round(unsentActive.current);
    return writeLocalDraft(id, draft);
  }, [id]);

  const save = useCallback(async () => {
    if (stopped.current || pendingSubmit.current) return;
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    if (inFlight.current) return;
    const { rev, savedRev } = latest.current;
    if (rev === savedRev) return;
    inFlight.current = true;
    setSaveStatus('saving');
    const snapshot = latest.current;
    const activeMs = Math.min(Math.round(unsentActive.current), MAX_ACTIVE_PER_SAVE_MS);
    try {
      await screeningApi.saveDraft(id, normalizeForDraft(instruments, snapshot.answers), snapshot.position, activeMs);
      // Time spent while the save was on its way stays to be sent with the next one.
      unsentActive.current = Math.max(0, unsentActive.current - activeMs);
      retries.current = 0;
      latest.current.savedRev = rev;
      if (latest.current.rev === rev && !submissionId.current) void clearLocalDraft(id);
      if (!stopped.current) setSaveStatus(latest.current.rev === rev ? 'saved' : 'saving');
    } catch (e) {
      if (stopped.current) return;
      if (transient(e)) {
        setSaveStatus('local');
        const delay = RETRY_DELAYS_MS[Math.min(retries.current, RETRY_DELAYS_MS.length - 1)]!;
        retries.current += 1;
        timer.current = setTimeout(() => void save(), delay);
      } else if (isApiError(e) && (e.kind === 'conflict' || e.status === 404)) {
        // Submitted elsewhere, declined, closed or cancelled meanwhile: show what the server says now.
        stopped.current = true;
        void clearLocalDraft(id);
        onStale();
      } else {
        setSaveStatus('local');
      }
    } finally {
      inFlight.current = false;
    }
    // Changes made while this save was on its way.
    if (!stopped.current && !timer.current && latest.current.rev !== latest.current.savedRev)
      timer.current = setTimeout(() => void save(), SAVE_DELAY_MS);
  }, [id, instruments, onStale]);

  const schedule = useCallback(() => {
    if (stopped.current) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), SAVE_DELAY_MS);
  }, [save]);

  const record = useCallback(
    (nextAnswers: AnswerMap, nextIndex: number) => {
      const nextSteps = visibleSteps(instruments, nextAnswers);
      const position = positionOf(instruments, nextSteps[Math.min(nextIndex, nextSteps.length - 1)]);
      latest.current = { ...latest.current, answers: nextAnswers, position, rev: latest.current.rev + 1 };
      void keepLocally();
      tick();
      schedule();
    },
    [instruments, keepLocally, schedule, tick],
  );

  // A copy from this browser that the server has not confirmed: send it now.
  useEffect(() => {
    if (initial.fromLocal) {
      latest.current.rev = 1;
      void save();
    }
    const online = () => {
      if (latest.current.rev !== latest.current.savedRev) void save();
    };
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [initial.fromLocal, save]);

  const choose = useCallback(
    (code: number) => {
      if (!current) return;
      const next = withAnswer(instruments, answers, current, code);
      setAnswers(next);
      record(next, index);
    },
    [answers, current, index, instruments, record],
  );

  const go = useCallback(
    (to: number) => {
      const bounded = Math.max(0, Math.min(to, steps.length - 1));
      setIndex(bounded);
      record(answers, bounded);
    },
    [answers, record, steps.length],
  );

  /** One attempt to send the waiting submission; on a network failure the next is scheduled (backoff). */
  const sendSubmission = useCallback(async () => {
    if (!pendingSubmit.current || submitInFlight.current || stopped.current) return;
    if (submitTimer.current) {
      clearTimeout(submitTimer.current);
      submitTimer.current = null;
    }
    const retryLater = () => {
      setSubmit({ kind: 'queued' });
      const delay = SUBMIT_RETRY_MS[Math.min(submitTries.current, SUBMIT_RETRY_MS.length - 1)]!;
      submitTries.current += 1;
      submitTimer.current = setTimeout(() => void sendSubmission(), delay);
    };
    // Known offline: no request that would only fail; the 'online' event sends it.
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return retryLater();
    submitInFlight.current = true;
    const sid = submissionId.current!;
    try {
      const receipt = await screeningApi.submit(id, {
        submissionId: sid,
        answers: normalizeAnswers(instruments, latest.current.answers),
        activeMs: Math.min(Math.round(unsentActive.current), MAX_ACTIVE_PER_SAVE_MS),
      });
      stopped.current = true;
      pendingSubmit.current = false;
      await clearLocalDraft(id);
      setSubmit({ kind: 'done', receipt });
    } catch (e) {
      if (transient(e)) {
        retryLater();
      } else {
        pendingSubmit.current = false;
        setSubmit({ kind: 'failed', message: isApiError(e) ? e.detail : String(e) });
        if (isApiError(e) && e.kind === 'conflict') {
          // Already submitted with another id (another device), or no longer open: the server's view wins.
          stopped.current = true;
          void clearLocalDraft(id);
        } else void keepLocally();
      }
    } finally {
      submitInFlight.current = false;
    }
  }, [id, instruments, keepLocally]);

  const doSubmit = useCallback(async (): Promise<{ missing: number } | null> => {
    const missing = missingRequired(instruments, answers);
    if (missing.length > 0) {
      const at = steps.findIndex((s) => s.instrument === missing[0]!.instrument && s.item === missing[0]!.item);
      if (at >= 0) setIndex(at);
      return { missing: at };
    }
    tick();
    submissionId.current ??= newSubmissionId();
    pendingSubmit.current = true;
    latest.current = { ...latest.current, answers };
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    // On the device first, so a lost connection or a closed tab still leaves the sheet to send later.
    await keepLocally();
    submitTries.current = 0;
    setSubmit({ kind: 'submitting' });
    await sendSubmission();
    return null;
  }, [answers, instruments, keepLocally, sendSubmission, steps, tick]);

  // A submit waiting on this device (from before a reload): send it again; and whenever the network returns.
  useEffect(() => {
    if (initial.pendingSubmit) void sendSubmission();
    const online = () => void sendSubmission();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      if (submitTimer.current) clearTimeout(submitTimer.current);
    };
  }, [initial.pendingSubmit, sendSubmission]);

  return {
    instruments,
    answers,
    steps,
    index: Math.min(index, Math.max(steps.length - 1, 0)),
    current,
    currentAnswer: current ? answerAt(instruments, answers, current) : null,
    hasStarted,
    saveStatus,
    submit,
    choose,
    go,
    doSubmit,
    flush: save,
  };
}
