import { describe, expect, it } from 'vitest';
import { capacityEstimate, PEAK } from './capacity.js';

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
