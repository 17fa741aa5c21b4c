import { describe, expect, it } from 'vitest';
import { getInstrument } from '../instruments/registry.js';
import { bandsOf } from '../instruments/labels.js';
import { scoreSelfScreening, STAFF_WELLBEING_INSTRUMENTS, wellbeingLevel } from './index.js';

describe('staff self-screening', () => {
  it('gives every band of every offered instrument a neutral level', () => {
    for (const code of STAFF_WELLBEING_INSTRUMENTS) {
      const def = getInstrument(code)!;
      for (const band of bandsOf(def.scoring))
        expect(wellbeingLevel(code, band.id), `${code} ${band.id}`).not.toBeNull();
    }
  });

  it('scores with the library scorer and marks a positive PHQ-9 item 9 critical', () => {
    const calm = scoreSelfScreening(getInstrument('phq9')!, [0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(calm).toMatchObject({ total: 0, band: 'none', level: 'steady', critical: false });
    const item9 = scoreSelfScreening(getInstrument('phq9')!, [0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(item9.critical).toBe(true);
    expect(scoreSelfScreening(getInstrument('who5')!, [5, 5, 5, 5, 5]).level).toBe('steady');
    expect(scoreSelfScreening(getInstrument('gad7')!, [3, 3, 3, 3, 3, 3, 3]).level).toBe('more_support');
  });
});
