import { getInstrument } from '@yuxin/core';
import { describe, expect, it } from 'vitest';
import { checkSubmittedAnswers } from '../../packages/server/src/screening/submission/answers.js';
import { seededRandom } from '../../packages/server/src/seed/random.js';
import { BENCH_INSTRUMENTS, randomAnswers } from './campaign-seed.js';
import { planCity } from './city-plan.js';

describe('bench city', () => {
  it('draws answers the submit route accepts, with a few ASQ positives among many calm ones', () => {
    const defs = BENCH_INSTRUMENTS.map((code) => getInstrument(code, 1)!);
    const rnd = seededRandom(7);
    let positive = 0;
    for (let i = 0; i < 2000; i++) {
      const answers = randomAnswers(rnd);
      expect(checkSubmittedAnswers(defs, answers, 'en')).toEqual([]);
      if (answers.asq!.some((a) => a === 1)) positive++;
    }
    expect(positive).toBeGreaterThan(10);
    expect(positive).toBeLessThan(100);
  });

  it('plans the same schools and class sizes from the same seed, reaching the student count', () => {
    const shape = (seed: number) =>
      planCity(50_000, seed).schools.map((s) => [s.stage, s.classes.map((c) => c.size).join(',')].join(':'));
    expect(shape(3)).toEqual(shape(3));
    expect(shape(3)).not.toEqual(shape(4));
    const plan = planCity(50_000, 3);
    expect(plan.students).toBeGreaterThanOrEqual(50_000);
    expect(plan.students).toBe(plan.schools.reduce((n, s) => n + s.students, 0));
    for (const s of plan.schools) expect(s.students).toBeLessThanOrEqual(3_200);
  });
});
