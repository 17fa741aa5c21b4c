import { describe, expect, it } from 'vitest';
import { capacityEstimate, millionSignInCapacity, millionSignInLines, PEAK } from './capacity.js';

const node = {
  signIn: { perSec: 100, serverMs: 12, postgresMs: 2 },
  screening: { perSec: 200, serverMs: 4, postgresMs: 8 },
  coresPerNode: 2,
};

describe('capacity estimate', () => {
  it('sizes the app tier and the primary from CPU per student at the peak arrival rate', () => {
    const c = capacityEstimate({ students: 1_000_000, ...node });
    expect(c.peakStudents).toBe(1_000_000 * PEAK.share);
    expect(c.arrivalsPerSec).toBeCloseTo(c.peakStudents / (PEAK.windowMinutes * 60));
    expect(c.appCores).toBeCloseTo((c.arrivalsPerSec * 16) / 1000);
    expect(c.dbCores).toBeCloseTo((c.arrivalsPerSec * 10) / 1000);
    // Busy cores spread at ≤60% per node, plus one spare for a node lost or upgraded at the peak.
    expect(c.appNodes).toBe(Math.ceil(c.appCores / (2 * PEAK.utilisation)) + 1);
  });

  it('never plans fewer than two app nodes and grows with the city', () => {
    expect(capacityEstimate({ students: 10_000, ...node }).appNodes).toBe(2);
    const small = capacityEstimate({ students: 1_000_000, ...node });
    const big = capacityEstimate({ students: 10_000_000, ...node });
    expect(big.appNodes).toBeGreaterThan(small.appNodes);
    expect(big.dbPrimaryCores).toBeGreaterThan(small.dbPrimaryCores);
  });
});

describe('a million screening sign-ins', () => {
  const input = {
    students: 1_000_000,
    codeSignIn: { perSec: 1000, serverMs: 0.8, postgresMs: 0.4 },
    questionnaireFetch: { perSec: 2000, serverMs: 0.5, postgresMs: 0.3 },
    coresPerNode: 2,
    windowsSeconds: [600, 60],
  };

  it('sizes each window from the CPU of a sign-in plus a fetch', () => {
    const [tenMinutes, oneMinute] = millionSignInCapacity(input);
    expect(tenMinutes!.arrivalsPerSec).toBeCloseTo(1_000_000 / 600);
    expect(tenMinutes!.appCores).toBeCloseTo((1_000_000 / 600) * 1.3e-3);
    expect(tenMinutes!.dbCores).toBeCloseTo((1_000_000 / 600) * 0.7e-3);
    expect(tenMinutes!.appNodes).toBe(Math.ceil(tenMinutes!.appCores / (2 * PEAK.utilisation)) + 1);
    expect(oneMinute!.appNodes).toBeGreaterThan(tenMinutes!.appNodes);
    expect(oneMinute!.dbPrimaryCores).toBeGreaterThan(tenMinutes!.dbPrimaryCores);
  });

  it('says each window in words', () => {
    const lines = millionSignInLines(input, millionSignInCapacity(input));
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^in 10 min: 1667 students\/s/);
    expect(lines[2]).toMatch(/^in 60 s: 16667 students\/s/);
  });
});
