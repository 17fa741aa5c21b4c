import {
  INSTRUMENTS,
  allowedCodes,
  scoreResponse,
  toFhirQuestionnaireResponse,
  type FhirQuestionnaire,
  type InstrumentDefinition,
  type InstrumentLocale,
} from '@yuxin/core';
import { Fhir, type ValidatorMessage } from 'fhir';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, TestContext } from '../testing/harness.js';
import { startTestApp } from '../testing/harness.js';

/**
 * FHIR output is checked by FHIR.js (`fhir` on npm), which validates a resource against the base R4
 * StructureDefinitions it ships (element names and types, cardinality, required bindings such as
 * Questionnaire.status and item.type, unexpected properties). It does not evaluate FHIRPath invariants, so
 * the Questionnaire ↔ QuestionnaireResponse consistency it cannot see is asserted here by hand.
 */
const fhir = new Fhir();
// FHIR.js's `Severities` enum is declared in its types but not exported to ES modules; these are its values.
const BLOCKING: string[] = ['error', 'fatal'];
function r4Problems(resource: unknown): ValidatorMessage[] {
  const result = fhir.validate(resource as object, { errorOnUnexpected: true });
  const problems = result.messages.filter((m) => BLOCKING.includes(m.severity ?? ''));
  if (!result.valid && problems.length === 0)
    return [{ severity: 'error' as never, message: 'invalid without a message' }];
  return problems;
}

let ctx: TestContext;
let admin: Agent;
let psych: Agent;
beforeAll(async () => {
  ctx = await startTestApp();
  admin = await ctx.signIn('admin');
  psych = await ctx.signIn('psych03');
});
afterAll(() => ctx?.close());

const LOCALES: InstrumentLocale[] = ['zh-CN', 'en'];
type Json = Record<string, unknown>;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

async function exported(code: string, query = ''): Promise<FhirQuestionnaire> {
  const res = await psych.get(`/api/v1/instruments/${code}/fhir${query}`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
  return JSON.parse(res.body) as FhirQuestionnaire;
}

/** A few answer patterns per instrument: highest codes (raises every flag), lowest codes, and one blank. */
function answerPatterns(def: InstrumentDefinition): (number | null)[][] {
  const high = def.items.map((item) => Math.max(...allowedCodes(def, item)));
  const low = def.items.map((item) => Math.min(...allowedCodes(def, item)));
  return [high, low, [null, ...high.slice(1)]];
}

async function importQuestionnaire(q: unknown, locale = 'zh-CN', headers: Record<string, string> = {}) {
  admin.locale = locale;
  return admin.request('POST', '/api/v1/instruments/import-fhir', q as Json, headers);
}

describe('FHIR export', () => {
  it('exports every shipped instrument as a Questionnaire that validates as FHIR R4, in both languages', async () => {
    for (const def of INSTRUMENTS) {
      for (const lang of LOCALES) {
        const q = await exported(def.code, `?version=${def.version}&lang=${lang}`);
        expect(q, `${def.code} ${lang}`).toMatchObject({
          resourceType: 'Questionnaire',
          version: String(def.version),
          language: lang,
        });
        expect(r4Problems(q), `${def.code} ${lang}`).toEqual([]);
      }
    }
  });

  it("writes the texts in the caller's language unless lang says otherwise", async () => {
    psych.locale = 'en';
    expect((await exported('phqa')).title).toBe('PHQ-9 modified for Adolescents');
    psych.locale = 'zh-CN';
    expect((await exported('phqa')).title).toBe('青少年版 PHQ-9（PHQ-A）');
    expect((await exported('phqa', '?lang=en')).language).toBe('en');
  });

  it("builds QuestionnaireResponses that validate as FHIR R4 and only use the Questionnaire's items and options", async () => {
    for (const def of INSTRUMENTS) {
      for (const lang of LOCALES) {
        const q = await exported(def.code, `?version=${def.version}&lang=${lang}`);
        const items = new Map(q.item.map((i) => [i.linkId, i]));
        for (const answers of answerPatterns(def)) {
          const label = `${def.code} ${lang} ${JSON.stringify(answers)}`;
          const qr = toFhirQuestionnaireResponse(def, answers, {
            id: 'qr-1',
            subjectRef: 'Patient/demo-1',
            authored: '2026-11-20T09:30:00+08:00',
            locale: lang,
          });
          expect(r4Problems(qr), label).toEqual([]);
          expect(qr.questionnaire).toBe(`${q.url}|${q.version}`);
          for (const answered of qr.item) {
            const item = items.get(answered.linkId);
            expect(item, `${label}: ${answered.linkId} is a Questionnaire item`).toBeDefined();
            for (const a of answered.answer) {
              if (a.valueCoding) {
                const offered = item!.answerOption!.map((o) => `${o.valueCoding.system}|${o.valueCoding.code}`);
                expect(offered, label).toContain(`${a.valueCoding.system}|${a.valueCoding.code}`);
              } else {
                expect(item!.type, label).toBe('integer');
              }
            }
          }
        }
      }
    }
  });

  it('is checked by a validator that does refuse broken resources', () => {
    const broken = JSON.parse(
      JSON.stringify({
        resourceType: 'Questionnaire',
        status: 'published',
        item: [{ linkId: 'x', type: 'multiple-choice', colour: 'red' }],
      }),
    );
    const messages = r4Problems(broken).map((m) => `${m.location}: ${m.message}`);
    expect(messages.length).toBeGreaterThanOrEqual(3);
    expect(messages.join('\n')).toMatch(/Questionnaire\.status/);
    expect(messages.join('\n')).toMatch(/item\[0\]\.type/);
    expect(messages.join('\n')).toMatch(/colour/);
    const qr = toFhirQuestionnaireResponse(INSTRUMENTS[0]!, [0, 0, 0, 0, 0, 0, 0, 0, 0], { authored: '2026-11-20' });
    expect(r4Problems({ ...qr, status: 'done' }).length).toBeGreaterThan(0);
  });
});

describe('FHIR import', () => {
  it('round-trips every shipped instrument into a new version with identical items and scoring', async () => {
    for (const [i, def] of INSTRUMENTS.entries()) {
      const lang = LOCALES[i % 2]!;
      const q = await exported(def.code, `?version=${def.version}&lang=${lang}`);
      // FHIR clients post application/fhir+json; the rest plain JSON.
      const res = await importQuestionnaire(q, 'zh-CN', i % 2 ? { 'content-type': 'application/fhir+json' } : {});
      expect(res.statusCode, `${def.code}: ${res.body}`).toBe(201);
      const { code, version } = res.json<{ code: string; version: number }>();
      expect(code).toBe(def.code);
      expect(version).toBeGreaterThan(def.version);

      const stored = (await psych.get(`/api/v1/instruments/${code}?version=${version}`)).json<InstrumentDefinition>();
      expect(stored, def.code).toEqual({ ...clone(def), version });
      for (const answers of answerPatterns(def)) {
        const original = scoreResponse(def, answers);
        const imported = (await psych.post(`/api/v1/scoring/${code}`, { answers, version })).json<Json>();
        expect(imported, `${def.code} ${JSON.stringify(answers)}`).toMatchObject({ ...clone(original), version });
      }
    }
    const row = await ctx.db
      .selectFrom('instrument_version')
      .select(['source'])
      .where('code', '=', 'rses')
      .orderBy('version', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.source).toBe('fhir_import');
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('payload')
      .where('action', '=', 'instrument.manage')
      .where('target_id', '=', 'rses')
      .execute();
    expect(audit.map((a) => JSON.parse(a.payload).detail.source)).toEqual(['fhir_import']);
  });

  it('starts a new instrument at version 1 when the Questionnaire names a code not in the library', async () => {
    const q = await exported('phq2', '?lang=zh-CN');
    const renamed = { ...q, url: q.url.replace(/phq2$/, 'phq2_school'), version: '3' };
    const res = await importQuestionnaire(renamed);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ code: 'phq2_school', version: 1 });
    const list = (await psych.get('/api/v1/instruments')).json<{
      items: Array<{ code: string; versions: unknown[] }>;
    }>().items;
    expect(list.at(-1)).toMatchObject({ code: 'phq2_school', versions: [{ version: 1, source: 'fhir_import' }] });
  });

  it('refuses what is not a Questionnaire, or not one of ours, with a clear message', async () => {
    const notQ = await importQuestionnaire({ resourceType: 'Patient', id: 'p1' });
    expect(notQ.statusCode).toBe(400);
    expect(notQ.json()).toMatchObject({
      type: 'urn:yuxin:problem:validation',
      detail: '提交的内容不是 FHIR Questionnaire 资源（resourceType 应为“Questionnaire”）。',
    });

    const foreign = {
      resourceType: 'Questionnaire',
      url: 'http://loinc.org/q/55757-9',
      status: 'active',
      item: [{ linkId: '44250-9', text: 'Little interest or pleasure in doing things', type: 'choice' }],
    };
    const res = await importQuestionnaire(foreign, 'en');
    expect(res.statusCode).toBe(400);
    expect(res.json<{ detail: string }>().detail).toMatch(/^Only Questionnaires exported by Yuxin can be imported/);
  });

  it('refuses a Questionnaire that cannot be turned into a valid instrument, without a server error', async () => {
    const q = await exported('gad7', '?lang=en');
    const withMeta = (patch: (meta: Json) => void) => {
      const copy = clone(q);
      const ext = copy.extension!.find((e) => e.url.endsWith('/instrument-metadata'))!;
      const meta = JSON.parse(ext.valueString!) as Json;
      patch(meta);
      ext.valueString = JSON.stringify(meta);
      return copy;
    };

    const unknownKind = await importQuestionnaire(
      withMeta((m) => ((m['scoring'] as Json)['kind'] = 'weighted_sum')),
      'zh-CN',
    );
    expect(unknownKind.statusCode, unknownKind.body).toBe(400);
    expect(unknownKind.json<{ detail: string }>().detail).toContain('计分');

    const badAudience = await importQuestionnaire(
      withMeta((m) => (m['audience'] = { grades: { min: 0, max: 99 } })),
      'en',
    );
    expect(badAudience.statusCode).toBe(400);
    expect(badAudience.json()).toMatchObject({
      detail: 'The instrument read from this FHIR Questionnaire is not valid; see the listed problems.',
    });
    expect(badAudience.json<{ errors: Array<{ field: string }> }>().errors.map((e) => e.field)).toEqual([
      '/audience/grades/min',
      '/audience/grades/max',
    ]);

    const untranslated = clone(q);
    delete untranslated.item[1]!._text;
    const noZh = await importQuestionnaire(untranslated, 'zh-CN');
    expect(noZh.statusCode).toBe(400);
    expect(noZh.json<{ detail: string }>().detail).toBe(
      '无法把该 FHIR Questionnaire 转换为量表：item gad7_1: text has no zh-CN translation',
    );
  });

  it('lets only a city-level binding import', async () => {
    const q = await exported('phq2');
    const district = await ctx.signIn('dadmin01');
    expect((await district.post('/api/v1/instruments/import-fhir', q as unknown as Json)).statusCode).toBe(403);
    expect((await psych.post('/api/v1/instruments/import-fhir', q as unknown as Json)).statusCode).toBe(403);
  });
});
