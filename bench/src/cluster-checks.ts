/** What `npm run cluster` concludes from a run, apart from the run itself, so it can be tested. */

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export const checkLine = (c: Check) => `${c.ok ? 'PASS' : 'FAIL'}  ${c.name}: ${c.detail}`;

export interface Acked {
  submissionId: string;
  assignmentId: string;
  /** ms since the load started. */
  at: number;
  /** The app node HAProxy says answered (SERVED_BY_HEADER). */
  servedBy: string;
}

/**
 * Every acknowledged submission has exactly `instruments` rows under its id, for its own assignment, and no
 * acknowledged assignment holds rows of another submission as well.
 */
export function exactlyOnce(
  acked: Array<Pick<Acked, 'submissionId' | 'assignmentId'>>,
  stored: Array<{ submission_id: string; assignment_id: string; n: number }>,
  perAssignment: Array<{ assignment_id: string; n: number }>,
  instruments: number,
): Check {
  const byId = new Map(stored.map((r) => [r.submission_id, r]));
  const byAssignment = new Map(perAssignment.map((r) => [r.assignment_id, r.n]));
  let missing = 0;
  let wrong = 0;
  let doubled = 0;
  for (const a of acked) {
    const row = byId.get(a.submissionId);
    if (!row) missing++;
    else if (row.n !== instruments || row.assignment_id !== a.assignmentId) wrong++;
    else if ((byAssignment.get(a.assignmentId) ?? 0) !== instruments) doubled++;
  }
  const ok = acked.length > 0 && missing + wrong + doubled === 0;
  return {
    name: 'every acknowledged submission stored exactly once in the primary',
    ok,
    detail: `${acked.length - missing - wrong - doubled}/${acked.length} (${missing} missing, ${wrong} with other row counts, ${doubled} assignments with extra rows)`,
  };
}

export interface FailoverRun {
  killed: string;
  /** ms since the load started. */
  killAt: number;
  acked: Acked[];
  /** Students who started / got a receipt. */
  students: number;
  /** Server statuses from HAProxy after the load. */
  statuses: Record<string, string>;
  /** HAProxy marks a node down after `fall` failed checks `inter` apart; receipts the killed node sent before are in flight. */
  graceMs: number;
}

/**
 * The balancer failed over: receipts kept coming after the kill, from the surviving nodes only once HAProxy
 * had time to notice, HAProxy shows the killed node down, and every student who started got a receipt.
 */
export function failedOver(r: FailoverRun): Check {
  const after = r.acked.filter((a) => a.at > r.killAt);
  const late = after.filter((a) => a.at > r.killAt + r.graceMs);
  const fromKilled = late.filter((a) => a.servedBy === r.killed).length;
  const survivors = new Set(after.map((a) => a.servedBy));
  survivors.delete(r.killed);
  const ok =
    after.length > 0 &&
    fromKilled === 0 &&
    r.statuses[r.killed] !== undefined &&
    r.statuses[r.killed]!.startsWith('DOWN') &&
    Object.entries(r.statuses).some(([n, s]) => n !== r.killed && s.startsWith('UP')) &&
    r.acked.length === r.students;
  const statuses = Object.entries(r.statuses)
    .map(([n, s]) => `${n} ${s}`)
    .join(', ');
  return {
    name: `the balancer failed over (${r.killed} killed with SIGKILL mid-run)`,
    ok,
    detail: `${after.length} receipts after the kill, from ${[...survivors].join(', ') || 'no node'}; ${fromKilled} from ${r.killed} later than ${r.graceMs / 1000} s after it; HAProxy: ${statuses}; ${r.acked.length}/${r.students} students got a receipt`,
  };
}

/** The longest stretch without a receipt, in ms: what the kill cost the students in waiting. */
export function longestGap(times: number[]): { from: number; ms: number } {
  const sorted = [...times].sort((a, b) => a - b);
  let best = { from: 0, ms: 0 };
  for (let i = 1; i < sorted.length; i++) {
    const ms = sorted[i]! - sorted[i - 1]!;
    if (ms > best.ms) best = { from: sorted[i - 1]!, ms };
  }
  return best;
}

export interface ReplicaRun {
  inRecovery: boolean;
  reportStatus: number;
  /** seq_scan + idx_scan over user tables on the replica, before and after the report requests. */
  scansBefore: number;
  scansAfter: number;
  /** Acknowledged submissions the replica holds once it has replayed the primary. */
  replicated: number;
  acked: number;
}

/**
 * The replica served the report: it is a standby (in recovery), the report answered 200, and table reads
 * happened on it while reports were the only thing reading there (nothing else the app does uses the
 * replica's pool); and streaming carried every acknowledged submission to it.
 */
export function replicaServedReport(r: ReplicaRun): Check {
  const ok =
    r.inRecovery && r.reportStatus === 200 && r.scansAfter > r.scansBefore && r.acked > 0 && r.replicated === r.acked;
  return {
    name: 'the replica serves reports',
    ok,
    detail: `standby ${r.inRecovery ? 'in recovery' : 'NOT in recovery'}; report ${r.reportStatus}; table scans on the replica ${r.scansBefore} → ${r.scansAfter}; ${r.replicated}/${r.acked} acknowledged submissions replicated`,
  };
}
