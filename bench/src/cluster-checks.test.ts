import { describe, expect, it } from 'vitest';
import { checkLine, exactlyOnce, failedOver, longestGap, replicaServedReport, type Acked } from './cluster-checks.js';

const ack = (n: number, at: number, servedBy: string): Acked => ({
  submissionId: `s${n}`,
  assignmentId: `a${n}`,
  at,
  servedBy,
});

describe('exactly once', () => {
  const acked = [ack(1, 0, 'node1'), ack(2, 0, 'node2')];
  const stored = [
    { submission_id: 's1', assignment_id: 'a1', n: 3 },
    { submission_id: 's2', assignment_id: 'a2', n: 3 },
  ];
  const per = [
    { assignment_id: 'a1', n: 3 },
    { assignment_id: 'a2', n: 3 },
  ];

  it('passes when every receipt has its rows once', () => {
    const c = exactlyOnce(acked, stored, per, 3);
    expect(c.ok).toBe(true);
    expect(checkLine(c)).toMatch(/^PASS .*2\/2/);
  });

  it('fails on a missing, a doubled, a misplaced submission, and on no receipts at all', () => {
    expect(exactlyOnce(acked, stored.slice(1), per, 3).ok).toBe(false);
    expect(exactlyOnce(acked, [stored[0]!, { ...stored[1]!, n: 6 }], per, 3).ok).toBe(false);
    expect(exactlyOnce(acked, [stored[0]!, { ...stored[1]!, assignment_id: 'a1' }], per, 3).ok).toBe(false);
    expect(exactlyOnce(acked, stored, [per[0]!, { assignment_id: 'a2', n: 6 }], 3).detail).toMatch(/1 assignments/);
    expect(exactlyOnce([], [], [], 3).ok).toBe(false);
  });
});

describe('failover', () => {
  const run = {
    killed: 'node1',
    killAt: 10_000,
    acked: [ack(1, 5_000, 'node1'), ack(2, 9_000, 'node2'), ack(3, 11_000, 'node1'), ack(4, 20_000, 'node2')],
    students: 4,
    statuses: { node1: 'DOWN', node2: 'UP' },
    graceMs: 6_000,
  };

  it('passes when receipts kept coming from the survivor and HAProxy marked the killed node down', () => {
    const c = failedOver(run);
    expect(c.ok).toBe(true);
    expect(c.detail).toMatch(/2 receipts after the kill, from node2/);
  });

  it('fails when the killed node still answers well after the kill, is not down, or a student got nothing', () => {
    expect(failedOver({ ...run, acked: [...run.acked.slice(0, 3), ack(4, 20_000, 'node1')] }).ok).toBe(false);
    expect(failedOver({ ...run, statuses: { node1: 'UP', node2: 'UP' } }).ok).toBe(false);
    expect(failedOver({ ...run, statuses: { node1: 'DOWN', node2: 'DOWN' } }).ok).toBe(false);
    expect(failedOver({ ...run, students: 5 }).ok).toBe(false);
    expect(failedOver({ ...run, acked: run.acked.slice(0, 2), students: 2 }).ok).toBe(false);
  });
});

describe('replica serves reports', () => {
  const r = { inRecovery: true, reportStatus: 200, scansBefore: 1, scansAfter: 14, replicated: 900, acked: 900 };
  it('passes on a standby that read tables for the report and holds every receipt', () => {
    expect(replicaServedReport(r).ok).toBe(true);
  });
  it('fails on a promoted copy, a refused report, no reads there, or a lagging copy', () => {
    expect(replicaServedReport({ ...r, inRecovery: false }).ok).toBe(false);
    expect(replicaServedReport({ ...r, reportStatus: 403 }).ok).toBe(false);
    expect(replicaServedReport({ ...r, scansAfter: 1 }).ok).toBe(false);
    expect(replicaServedReport({ ...r, replicated: 899 }).ok).toBe(false);
  });
});

it('longest gap between receipts', () => {
  expect(longestGap([3, 1, 10, 4])).toEqual({ from: 4, ms: 6 });
  expect(longestGap([])).toEqual({ from: 0, ms: 0 });
});
