import { describe, expect, it } from 'vitest';
import { instrumentShortName } from './labels.js';
import { INSTRUMENTS } from './registry.js';

describe('instrumentShortName', () => {
  it('names the adolescent PHQ as its form does, never "PHQA"', () => {
    expect(instrumentShortName('phqa')).toBe('PHQ-A');
    expect(instrumentShortName('gad7')).toBe('GAD-7');
    expect(instrumentShortName('psc17')).toBe('PSC-17');
  });

  it('gives every shipped instrument its definition’s short name', () => {
    for (const def of INSTRUMENTS) expect(instrumentShortName(def.code)).toBe(def.shortName);
  });

  it('reads a version outside the registry from the definition given', () => {
    const phqa = INSTRUMENTS.find((d) => d.code === 'phqa')!;
    expect(instrumentShortName('phqa', { ...phqa, shortName: 'PHQ-A (v2)' })).toBe('PHQ-A (v2)');
  });

  it('still names an instrument the registry does not know', () => {
    expect(instrumentShortName('scared')).toBe('SCARED');
  });
});
