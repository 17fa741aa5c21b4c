import { describe, expect, it } from 'vitest';
import { checkDefinition } from './definition-check.js';
import { INSTRUMENTS, getInstrument, listInstruments } from './registry.js';
import { scoreResponse } from './score.js';
import type { InstrumentDefinition } from './types.js';

const get = (code: string): InstrumentDefinition => getInstrument(code)!;
const CJK = /[\u4e00-\u9fff]/;

describe('registry', () => {
  it('ships the nine catalog instruments at version 1', () => {
    expect(INSTRUMENTS.map((d) => `${d.code}@${d.version}`)).toEqual([
      'phq9@1',
      'phqa@1',
      'phq2@1',
      'gad7@1',
      'gad2@1',
      'asq@1',
      'psc17@1',
      'who5@1',
      'rses@1',
    ]);
  });

  it('finds a definition by code and optional version', () => {
    expect(getInstrument('gad7')?.shortName).toBe('GAD-7');
    expect(getInstrument('gad7', 1)?.version).toBe(1);
    expect(getInstrument('gad7', 2)).toBeUndefined();
    expect(getInstrument('scl90')).toBeUndefined();
  });

  it('lists summaries of the current versions', () => {
    const list = listInstruments();
    expect(list).toHaveLength(9);
    expect(list.find((s) => s.code === 'psc17')).toMatchObject({
      version: 1,
      shortName: 'PSC-17',
      respondent: 'guardian',
      itemCount: 17,
      riskScreen: true,
      optional: false,
    });
    expect(list.find((s) => s.code === 'rses')).toMatchObject({ itemCount: 10, riskScreen: false, optional: true });
    expect(list.find((s) => s.code === 'asq')?.itemCount).toBe(5);
  });

  it('freezes shipped definitions so edits must become new versions', () => {
    const phq9 = get('phq9') as { version: number; items: { text: { en: string } }[] };
    expect(() => {
      phq9.version = 2;
    }).toThrow(TypeError);
    expect(() => {
      phq9.items[0]!.text.en = 'changed';
    }).toThrow(TypeError);
  });
});

describe('shipped definitions', () => {
  it.each(INSTRUMENTS.map((d) => [d.code, d] as const))('%s passes the consistency check', (_code, def) => {
    expect(checkDefinition(def)).toEqual([]);
  });

  it('has item counts, respondents and option codes from the catalog', () => {
    const shape = INSTRUMENTS.map((d) => [
      d.code,
      d.items.length,
      d.respondent,
      d.options
        .map((o) => o.code)
        .sort((a, b) => a - b)
        .join(''),
    ]);
    expect(shape).toEqual([
      ['phq9', 9, 'self', '0123'],
      ['phqa', 9, 'self', '0123'],
      ['phq2', 2, 'self', '0123'],
      ['gad7', 7, 'self', '0123'],
      ['gad2', 2, 'self', '0123'],
      ['asq', 5, 'self', '01'],
      ['psc17', 17, 'guardian', '012'],
      ['who5', 5, 'self', '012345'],
      ['rses', 10, 'self', '0123'],
    ]);
  });

  it('uses item ids unique across instruments', () => {
    const ids = INSTRUMENTS.flatMap((d) => d.items.map((i) => i.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(get('phq9').items.map((i) => i.id)).toEqual(Array.from({ length: 9 }, (_, i) => `phq9_${i + 1}`));
  });

  it('has zh text for every name, stem, item and option', () => {
    for (const d of INSTRUMENTS) {
      expect(d.name.zh).toMatch(CJK);
      expect(d.stem.zh).toMatch(CJK);
      for (const item of d.items) expect(item.text.zh).toMatch(CJK);
      for (const o of d.options) expect(o.label.zh).toMatch(CJK);
    }
  });

  it('marks every zh translation unverified, platform-made where the catalog has no zh', () => {
    const origin = Object.fromEntries(
      INSTRUMENTS.map((d) => [d.code, `${d.translationStatus.zh}/${d.translationStatus.zhOrigin}`]),
    );
    expect(origin).toEqual({
      phq9: 'unverified/catalog',
      phqa: 'unverified/platform',
      phq2: 'unverified/catalog',
      gad7: 'unverified/catalog',
      gad2: 'unverified/catalog',
      asq: 'unverified/platform',
      psc17: 'unverified/platform',
      who5: 'unverified/platform',
      rses: 'unverified/platform',
    });
  });

  it('does not reuse PHQ-9 zh text for the PHQ-A items whose wording differs (1, 3, 4, 6, 7)', () => {
    const phq9zh = new Set(get('phq9').items.map((i) => i.text.zh));
    for (const n of [1, 3, 4, 6, 7])
      expect(phq9zh.has(get('phqa').items[n - 1]!.text.zh.replace(/？$/, ''))).toBe(false);
  });

  it('keeps PHQ-2 and GAD-2 texts identical to items 1–2 of PHQ-9 and GAD-7', () => {
    expect(get('phq2').items.map((i) => i.text)).toEqual(
      get('phq9')
        .items.slice(0, 2)
        .map((i) => i.text),
    );
    expect(get('gad2').items.map((i) => i.text)).toEqual(
      get('gad7')
        .items.slice(0, 2)
        .map((i) => i.text),
    );
  });

  it('keeps the exact catalog wording of sample items', () => {
    expect(get('phq9').items[8]!.text).toEqual({
      en: 'Thoughts that you would be better off dead or of hurting yourself in some way',
      zh: '有不如死掉或用某种方式伤害自己的念头',
    });
    expect(get('gad7').items[6]!.text).toEqual({
      en: 'Feeling afraid, as if something awful might happen',
      zh: '感到似乎将有可怕的事情发生而害怕',
    });
    expect(get('asq').items[4]!.text.en).toBe('Are you having thoughts of killing yourself right now?');
    expect(get('psc17').items[12]!.text.en).toBe('Acts as if driven by a motor');
    expect(get('who5').items[3]!.text.en).toBe('I woke up feeling fresh and rested');
    expect(get('rses').items[6]!.text.en).toBe(
      "I feel that I'm a person of worth, at least on an equal plane with others.",
    );
  });

  it('makes PHQ item 9 required and critical', () => {
    for (const code of ['phq9', 'phqa'])
      expect(get(code).items[8]).toMatchObject({ number: 9, required: true, critical: true });
  });

  it('keeps the Pfizer footer on the PHQ and GAD forms', () => {
    const footer =
      'Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from ' +
      'Pfizer Inc. No permission required to reproduce, translate, display or distribute.';
    for (const code of ['phq9', 'phqa', 'phq2', 'gad7', 'gad2'])
      expect(get(code).licence).toMatchObject({ text: footer, displayFooter: true });
  });

  it('carries the catalog LOINC codes', () => {
    const phq9 = get('phq9');
    expect(phq9.loinc).toEqual({ panel: '44249-1', total: '44261-6' });
    expect(phq9.items.map((i) => i.loinc)).toEqual([
      '44250-9',
      '44255-8',
      '44259-0',
      '44254-1',
      '44251-7',
      '44258-2',
      '44252-5',
      '44253-3',
      '44260-8',
    ]);
    expect(phq9.options.map((o) => o.loinc)).toEqual(['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9']);
    const gad7 = get('gad7');
    expect(gad7.loinc).toEqual({ panel: '69737-5', total: '70274-6' });
    expect(gad7.items.map((i) => i.loinc)).toEqual([
      '69725-0',
      '68509-9',
      '69733-4',
      '69734-2',
      '69735-9',
      '69689-8',
      '69736-7',
    ]);
    expect(gad7.options.map((o) => o.loinc)).toEqual(['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9']);
    expect(get('phq2').loinc).toEqual({ panel: '55757-9' });
    expect(get('gad2').items.map((i) => i.loinc)).toEqual(['69725-0', '68509-9']);
    expect(get('asq').loinc).toBeUndefined();
  });
});

describe('versioning', () => {
  it('scores a new version with edited texts by its scoring kind', () => {
    const phq9 = get('phq9');
    const v2: InstrumentDefinition = {
      ...phq9,
      version: 2,
      items: phq9.items.map((i) => ({ ...i, text: { en: `${i.text.en} (v2)`, zh: `${i.text.zh}（第二版）` } })),
    };
    expect(checkDefinition(v2)).toEqual([]);
    const r = scoreResponse(v2, [3, 3, 3, 3, 3, 0, 0, 0, 1]);
    expect(r).toMatchObject({
      instrument: 'phq9',
      version: 2,
      total: 16,
      band: 'moderately_severe',
      criticalFlags: ['phq9_item9'],
    });
  });

  it('reports inconsistent definitions', () => {
    const phq9 = get('phq9');
    if (phq9.scoring.kind !== 'sum') throw new Error('unexpected kind');
    const broken: InstrumentDefinition = {
      ...phq9,
      items: phq9.items.map((i) => (i.number === 2 ? { ...i, number: 3, options: [] } : i)),
      scoring: {
        ...phq9.scoring,
        bands: phq9.scoring.bands.filter((b) => b.id !== 'moderate'),
        critical: [{ flag: 'x', item: 12, minAnswer: 1 }],
      },
    };
    expect(checkDefinition(broken)).toEqual([
      'item phq9_2 has number 3, expected 2',
      'item phq9_2 has no options',
      'band moderately_severe starts at 15, expected 10',
      'bands end at 27, expected 24',
      'critical rule x names missing item 12',
    ]);
  });
});
