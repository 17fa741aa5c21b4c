import { describe, expect, it } from 'vitest';
import { getInstrument } from './registry.js';
import { INSTRUMENTS } from './registry.js';
import { onScreenFooter, onScreenInstructions } from './on-screen.js';

describe('instruments on a tap form', () => {
  it('never tells a respondent to mark a box or a heading', () => {
    for (const def of INSTRUMENTS)
      for (const locale of ['zh-CN', 'en'] as const)
        expect(onScreenInstructions(def, locale), `${def.code} ${locale}`).not.toMatch(/'X'|\bbox\b|mark under/i);
    // The published wording stays in the definition, for paper.
    expect(getInstrument('phqa')!.stem.en).toContain("put an 'X'");
  });

  it('shows the licence footer in Chinese on a Chinese form and in English on an English one', () => {
    for (const def of INSTRUMENTS.filter((d) => d.licence.displayFooter)) {
      expect(onScreenFooter(def, 'zh-CN'), def.code).toMatch(/[\u4e00-\u9fff]/);
      expect(onScreenFooter(def, 'en'), def.code).toBe(def.licence.text);
    }
    expect(onScreenFooter(getInstrument('asq')!, 'zh-CN')).toBeNull();
  });
});
