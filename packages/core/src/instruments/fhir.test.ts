import { describe, expect, it } from 'vitest';
import {
  FhirConversionError,
  fromFhirQuestionnaire,
  toFhirQuestionnaire,
  toFhirQuestionnaireResponse,
} from './fhir.js';
import type { FhirQuestionnaire } from './fhir-types.js';
import { INSTRUMENTS, getInstrument } from './registry.js';
import type { InstrumentDefinition } from './types.js';
import { InvalidAnswersError } from './validate.js';

const PHQ9 = getInstrument('phq9')!;
const ASQ = getInstrument('asq')!;
const RSES = getInstrument('rses')!;
const PSC17 = getInstrument('psc17')!;
const WHO5 = getInstrument('who5')!;
const TRANSLATION = 'http://hl7.org/fhir/StructureDefinition/translation';
const ORDINAL = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';

function item(q: FhirQuestionnaire, linkId: string) {
  const found = q.item.find((i) => i.linkId === linkId);
  if (!found) throw new Error(`no item ${linkId}`);
  return found;
}

describe('toFhirQuestionnaire', () => {
  const q = toFhirQuestionnaire(PHQ9);

  it('writes the Questionnaire header', () => {
    expect(q).toMatchObject({
      resourceType: 'Questionnaire',
      id: 'phq9-v1',
      url: 'https://yuxin.example.org/fhir/Questionnaire/phq9',
      version: '1',
      name: 'PHQ_9',
      title: 'Patient Health Questionnaire-9',
      status: 'active',
      language: 'en',
      subjectType: ['Patient'],
      code: [{ system: 'http://loinc.org', code: '44249-1' }],
    });
    expect(q.copyright).toContain('No permission required to reproduce, translate, display or distribute.');
    expect(q._title?.extension?.[0]?.extension).toEqual([
      { url: 'lang', valueCode: 'zh-CN' },
      { url: 'content', valueString: '患者健康问卷-9（PHQ-9 抑郁症筛查量表）' },
    ]);
  });

  it('puts the stem first, the nine choice items in order, and a read-only total last', () => {
    expect(q.item.map((i) => `${i.linkId}:${i.type}`)).toEqual([
      'stem:display',
      ...Array.from({ length: 9 }, (_, i) => `phq9_${i + 1}:choice`),
      'total:integer',
    ]);
    expect(item(q, 'stem').text).toBe(
      'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
    );
    expect(item(q, 'total')).toMatchObject({
      readOnly: true,
      text: 'Total score',
      code: [{ system: 'http://loinc.org', code: '44261-6' }],
    });
  });

  it('writes item text, zh translation, LOINC code and required flag', () => {
    const i9 = item(q, 'phq9_9');
    expect(i9).toMatchObject({
      text: 'Thoughts that you would be better off dead or of hurting yourself in some way',
      type: 'choice',
      required: true,
      code: [{ system: 'http://loinc.org', code: '44260-8' }],
    });
    expect(i9._text).toEqual({
      extension: [
        {
          url: TRANSLATION,
          extension: [
            { url: 'lang', valueCode: 'zh-CN' },
            { url: 'content', valueString: '有不如死掉或用某种方式伤害自己的念头' },
          ],
        },
      ],
    });
    expect(item(q, 'phq9_1').required).toBeUndefined();
  });

  it('writes LOINC answer codes with the score as ordinalValue', () => {
    const options = item(q, 'phq9_1').answerOption!;
    expect(options.map((o) => [o.valueCoding.system, o.valueCoding.code, o.valueCoding.display, o.extension])).toEqual([
      ['http://loinc.org', 'LA6568-5', 'Not at all', [{ url: ORDINAL, valueDecimal: 0 }]],
      ['http://loinc.org', 'LA6569-3', 'Several days', [{ url: ORDINAL, valueDecimal: 1 }]],
      ['http://loinc.org', 'LA6570-1', 'More than half the days', [{ url: ORDINAL, valueDecimal: 2 }]],
      ['http://loinc.org', 'LA6571-9', 'Nearly every day', [{ url: ORDINAL, valueDecimal: 3 }]],
    ]);
    expect(options[3]!.valueCoding._display?.extension?.[0]?.extension?.[1]).toEqual({
      url: 'content',
      valueString: '几乎每天',
    });
  });

  it('uses the platform code system where no LOINC answer exists', () => {
    const options = item(toFhirQuestionnaire(ASQ), 'asq_1').answerOption!;
    expect(options.map((o) => o.valueCoding)).toMatchObject([
      { system: 'https://yuxin.example.org/fhir/CodeSystem/asq-options', code: '1', display: 'Yes' },
      { system: 'https://yuxin.example.org/fhir/CodeSystem/asq-options', code: '0', display: 'No' },
    ]);
    expect(toFhirQuestionnaire(ASQ).code).toBeUndefined();
  });

  it('gives reversed RSES items the reversed score as ordinalValue', () => {
    const fq = toFhirQuestionnaire(RSES);
    const ordinals = (linkId: string) =>
      item(fq, linkId).answerOption!.map((o) => [o.valueCoding.code, o.extension?.[0]?.valueDecimal]);
    expect(ordinals('rses_1')).toEqual([
      ['3', 3],
      ['2', 2],
      ['1', 1],
      ['0', 0],
    ]);
    expect(ordinals('rses_2')).toEqual([
      ['3', 0],
      ['2', 1],
      ['1', 2],
      ['0', 3],
    ]);
  });

  it('writes zh as the primary language with an en translation', () => {
    const zq = toFhirQuestionnaire(PSC17, 'zh-CN');
    expect(zq.language).toBe('zh-CN');
    expect(zq.title).toBe('儿童症状检查表-17（家长版）');
    const i1 = item(zq, 'psc17_1');
    expect(i1.text).toBe('坐立不安，无法安静地坐着');
    expect(i1._text?.extension?.[0]?.extension).toEqual([
      { url: 'lang', valueCode: 'en' },
      { url: 'content', valueString: 'Fidgety, unable to sit still' },
    ]);
    expect(i1.answerOption?.[2]?.valueCoding.display).toBe('经常');
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(q))).toEqual(q);
  });
});

describe('fromFhirQuestionnaire', () => {
  it.each(INSTRUMENTS.flatMap((d) => [[d.code, 'en', d] as const, [d.code, 'zh-CN', d] as const]))(
    'round-trips %s via %s',
    (_code, locale, def) => {
      const json = JSON.parse(JSON.stringify(toFhirQuestionnaire(def, locale))) as unknown;
      expect(fromFhirQuestionnaire(json)).toStrictEqual(def);
    },
  );

  it('round-trips per-item option overrides and ids that differ from linkIds', () => {
    const custom: InstrumentDefinition = {
      ...WHO5,
      code: 'who5_custom',
      version: 3,
      items: WHO5.items.map((i) =>
        i.number === 5
          ? {
              ...i,
              id: 'custom_5',
              linkId: 'q5',
              options: WHO5.options.map((o) => ({ ...o, label: { en: `${o.label.en}!`, zh: `${o.label.zh}！` } })),
            }
          : i,
      ),
    };
    const back = fromFhirQuestionnaire(JSON.parse(JSON.stringify(toFhirQuestionnaire(custom))));
    expect(back).toStrictEqual(custom);
    expect(back.items[4]).toMatchObject({ id: 'custom_5', linkId: 'q5' });
  });

  it('rejects JSON that is not a Yuxin Questionnaire', () => {
    expect(() => fromFhirQuestionnaire({ resourceType: 'Patient' })).toThrow(FhirConversionError);
    const q = toFhirQuestionnaire(PHQ9);
    expect(() => fromFhirQuestionnaire({ ...q, extension: [] })).toThrow(/not a Yuxin instrument/);
    expect(() => fromFhirQuestionnaire({ ...q, url: 'http://example.org/Questionnaire/phq9' })).toThrow(/is not under/);
    const noTranslation = { ...q, item: q.item.map((i) => (i.linkId === 'phq9_3' ? { ...i, _text: undefined } : i)) };
    expect(() => fromFhirQuestionnaire(noTranslation)).toThrow(/item phq9_3: text has no zh-CN translation/);
  });

  it('rejects a Questionnaire whose bands no longer cover the score range', () => {
    const q = toFhirQuestionnaire(PHQ9);
    const shortened = { ...q, item: q.item.filter((i) => i.linkId !== 'phq9_9') };
    expect(() => fromFhirQuestionnaire(shortened)).toThrow(/inconsistent definition: bands end at 27, expected 24/);
  });
});

describe('toFhirQuestionnaireResponse', () => {
  const meta = { id: 'resp-1', subjectRef: 'Patient/42', authored: '2026-11-02T09:30:00+08:00' };

  it('writes answers as codings and the total when valid', () => {
    const qr = toFhirQuestionnaireResponse(PHQ9, [1, 2, 0, 0, 3, 0, 0, 0, 1], meta);
    expect(qr).toMatchObject({
      resourceType: 'QuestionnaireResponse',
      id: 'resp-1',
      questionnaire: 'https://yuxin.example.org/fhir/Questionnaire/phq9|1',
      status: 'completed',
      subject: { reference: 'Patient/42' },
      authored: '2026-11-02T09:30:00+08:00',
    });
    expect(qr.item).toHaveLength(10);
    expect(qr.item[1]).toEqual({
      linkId: 'phq9_2',
      text: 'Feeling down, depressed, or hopeless',
      answer: [{ valueCoding: { system: 'http://loinc.org', code: 'LA6570-1', display: 'More than half the days' } }],
    });
    expect(qr.item[9]).toEqual({ linkId: 'total', text: 'Total score', answer: [{ valueInteger: 7 }] });
  });

  it('omits blank items and writes the prorated total', () => {
    const qr = toFhirQuestionnaireResponse(PHQ9, [1, 1, 1, 1, 0, 0, 0, null, 0], meta);
    expect(qr.item.map((i) => i.linkId)).toEqual([
      'phq9_1',
      'phq9_2',
      'phq9_3',
      'phq9_4',
      'phq9_5',
      'phq9_6',
      'phq9_7',
      'phq9_9',
      'total',
    ]);
    expect(qr.item.at(-1)?.answer).toEqual([{ valueInteger: 5 }]);
  });

  it('has no total item when the response is invalid', () => {
    const qr = toFhirQuestionnaireResponse(WHO5, [5, 5, 5, 5, null], { authored: '2026-11-02' });
    expect(qr.item.map((i) => i.linkId)).toEqual(['who5_1', 'who5_2', 'who5_3', 'who5_4']);
    expect(qr.id).toBeUndefined();
    expect(qr.subject).toBeUndefined();
  });

  it('writes WHO-5 percentage as the total and platform codings in zh', () => {
    const qr = toFhirQuestionnaireResponse(WHO5, [3, 3, 3, 3, 3], { authored: '2026-11-02', locale: 'zh-CN' });
    expect(qr.item[0]).toEqual({
      linkId: 'who5_1',
      text: '我感到快乐，心情舒畅',
      answer: [
        {
          valueCoding: {
            system: 'https://yuxin.example.org/fhir/CodeSystem/who5-options',
            code: '3',
            display: '一半以上的时间',
          },
        },
      ],
    });
    expect(qr.item[5]).toEqual({ linkId: 'total', text: '总分', answer: [{ valueInteger: 60 }] });
  });

  it('writes the ASQ yes-count total', () => {
    const qr = toFhirQuestionnaireResponse(ASQ, [1, 1, 0, 0, 0], meta);
    expect(qr.item.at(-1)).toEqual({ linkId: 'total', text: 'Total score', answer: [{ valueInteger: 2 }] });
  });

  it('refuses malformed answers', () => {
    expect(() => toFhirQuestionnaireResponse(PHQ9, [9, 0, 0, 0, 0, 0, 0, 0, 0], meta)).toThrow(InvalidAnswersError);
  });
});
