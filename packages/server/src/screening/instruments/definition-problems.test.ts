import { checkDefinition, getInstrument, type InstrumentDefinition } from '@yuxin/core';
import { describe, expect, it } from 'vitest';
import { definitionProblemErrors, KNOWN_PROBLEM_PATTERNS } from './definition-problems.js';

const copy = (code: string): InstrumentDefinition =>
  JSON.parse(JSON.stringify(getInstrument(code, 1))) as InstrumentDefinition;

/** Broken definitions, each made to provoke particular `checkDefinition` problems. */
function brokenDefinitions(): InstrumentDefinition[] {
  const out: InstrumentDefinition[] = [];
  const add = (code: string, breakIt: (d: InstrumentDefinition) => void) => {
    const d = copy(code);
    breakIt(d);
    out.push(d);
  };
  add('phq9', (d) => {
    d.code = 'PHQ-9';
    d.version = 0;
    d.name.zh = '';
  });
  add('phq2', (d) => (d.items = []));
  add('gad7', (d) => {
    d.items[1]!.number = 5;
    d.items[2]!.id = d.items[0]!.id;
    d.items[3]!.linkId = d.items[4]!.linkId;
    d.items[5]!.linkId = 'total';
    d.items[6]!.text.en = '';
  });
  add('gad2', (d) => {
    d.items[0]!.options = [];
    d.items[1]!.options = [
      { code: 1.5, label: { en: 'a', zh: '' } },
      { code: 1.5, label: { en: 'b', zh: 'b' } },
    ];
  });
  add('phq9', (d) => {
    if (d.scoring.kind !== 'sum') throw new Error('sum expected');
    d.scoring.bands[1]!.id = d.scoring.bands[0]!.id;
    d.scoring.bands[2]!.max = 9;
    d.scoring.bands[4]!.max = 30;
    d.scoring.critical[0]!.item = 10;
    d.scoring.missing = { treatment: 'prorate', maxMissing: 9 };
  });
  add('who5', (d) => {
    if (d.scoring.kind !== 'who5') throw new Error('who5 expected');
    d.scoring.multiplier = 0;
  });
  add('psc17', (d) => {
    if (d.scoring.kind !== 'psc17') throw new Error('psc17 expected');
    d.items[0]!.subscale = 'mood';
    d.scoring.subscales.push({ id: 'sleep', label: { en: 'sleep', zh: '睡眠' }, cutoff: 1 });
  });
  add('asq', (d) => {
    if (d.scoring.kind !== 'asq') throw new Error('asq expected');
    d.scoring.screenItems = [1, 2, 3, 9];
    d.scoring.yesCode = 7;
  });
  return out;
}

describe('definitionProblemErrors', () => {
  const cases = brokenDefinitions().map((def) => ({ def, problems: checkDefinition(def) }));

  it('recognises every problem core reports, so none falls back to an unlocated English sentence', () => {
    for (const { def, problems } of cases) {
      expect(problems.length, def.code).toBeGreaterThan(0);
      for (const problem of problems)
        expect(
          KNOWN_PROBLEM_PATTERNS.some((p) => p.test(problem)),
          problem,
        ).toBe(true);
    }
  });

  it('is exercised on every pattern it knows', () => {
    const all = cases.flatMap((c) => c.problems);
    for (const pattern of KNOWN_PROBLEM_PATTERNS)
      expect(
        all.some((p) => pattern.test(p)),
        String(pattern),
      ).toBe(true);
  });

  it("points each problem at the part of the definition it is about, in the caller's language", () => {
    const [, , gad7] = cases;
    const zh = definitionProblemErrors(gad7!.def, gad7!.problems, 'zh-CN');
    expect(zh.map((e) => e.field)).toEqual([
      '/items/1/number',
      '/items/2/id',
      '/items/4/linkId',
      '/items/5/linkId',
      '/items/6/text',
    ]);
    expect(zh[1]!.message).toBe('题目 ID“gad7_1”重复。');
    const en = definitionProblemErrors(gad7!.def, gad7!.problems, 'en');
    expect(en[3]!.message).toBe('Item gad7_6: the linkId "total" is reserved; choose another.');
  });

  it('passes an unknown sentence through rather than dropping it', () => {
    expect(definitionProblemErrors(copy('phq9'), ['something new'], 'en')).toEqual([
      { field: '/', key: 'field.invalid', message: 'The definition is inconsistent: something new' },
    ]);
  });
});
