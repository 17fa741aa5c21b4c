import { checkDefinition } from './definition-check.js';
import {
  EXT,
  type InstrumentMetadata,
  LOINC_SYSTEM,
  ORDINAL_VALUE_URL,
  STEM_LINK_ID,
  TOTAL_LINK_ID,
  TRANSLATION_URL,
  YUXIN_FHIR_BASE,
  findExtension,
} from './fhir-common.js';
import type { FhirExtension } from './fhir-types.js';
import type { AnswerOption, BilingualText, InstrumentDefinition, InstrumentItem, InstrumentLocale } from './types.js';

/** Raised when JSON is not a Questionnaire this module wrote (or an equivalent one). */
export class FhirConversionError extends Error {
  override readonly name = 'FhirConversionError';
}

type Json = Record<string, unknown>;

function fail(message: string): never {
  throw new FhirConversionError(message);
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(obj: Json, key: string, where: string): string {
  const v = obj[key];
  if (typeof v !== 'string' || v === '') fail(`${where}: ${key} must be a non-empty string`);
  return v;
}

function arr(obj: Json, key: string, where: string): unknown[] {
  const v = obj[key];
  if (v === undefined) return [];
  if (!Array.isArray(v)) fail(`${where}: ${key} must be an array`);
  return v;
}

function extensions(obj: Json): FhirExtension[] {
  const v = obj['extension'];
  return Array.isArray(v) ? v.filter((e): e is FhirExtension => isObject(e) && typeof e['url'] === 'string') : [];
}

function translationOf(element: unknown, lang: InstrumentLocale): string | undefined {
  if (!isObject(element)) return undefined;
  for (const ext of extensions(element)) {
    if (ext.url !== TRANSLATION_URL) continue;
    const parts = ext.extension ?? [];
    const l = parts.find((p) => p.url === 'lang')?.valueCode;
    const content = parts.find((p) => p.url === 'content')?.valueString;
    if (l === lang && content !== undefined) return content;
  }
  return undefined;
}

/** Both languages of a primitive: the value itself in the resource language, the other from `_key`. */
function bilingual(obj: Json, key: string, locale: InstrumentLocale, where: string): BilingualText {
  const value = str(obj, key, where);
  const other: InstrumentLocale = locale === 'zh-CN' ? 'en' : 'zh-CN';
  const translated = translationOf(obj[`_${key}`], other);
  if (translated === undefined) fail(`${where}: ${key} has no ${other} translation`);
  return locale === 'zh-CN' ? { zh: value, en: translated } : { en: value, zh: translated };
}

function loincOf(obj: Json): string | undefined {
  const coding = arr(obj, 'code', 'code').find((c): c is Json => isObject(c) && c['system'] === LOINC_SYSTEM);
  return coding && typeof coding['code'] === 'string' ? coding['code'] : undefined;
}

function parseOptions(item: Json, reverse: boolean, locale: InstrumentLocale, where: string): AnswerOption[] {
  const raw = arr(item, 'answerOption', where).map((o, i) => {
    const w = `${where} answerOption ${i}`;
    if (!isObject(o) || !isObject(o['valueCoding'])) fail(`${w}: valueCoding missing`);
    const coding = o['valueCoding'];
    const ordinal = findExtension(extensions(o), ORDINAL_VALUE_URL)?.valueDecimal;
    const label = bilingual(coding, 'display', locale, w);
    const code = str(coding, 'code', w);
    return { coding, code, ordinal, label, w };
  });
  const ordinals = raw.map((r) => r.ordinal).filter((n): n is number => typeof n === 'number');
  const mirror = Math.min(...ordinals) + Math.max(...ordinals);
  return raw.map(({ coding, code, ordinal, label, w }) => {
    if (coding['system'] !== LOINC_SYSTEM) {
      if (!/^-?\d+$/.test(code)) fail(`${w}: option code ${code} is not an integer`);
      return { code: Number(code), label };
    }
    // A LOINC answer code says nothing about the score; the ordinal value does (mirrored back for reversed items).
    if (typeof ordinal !== 'number') fail(`${w}: LOINC answer without ordinalValue`);
    return { code: reverse ? mirror - ordinal : ordinal, label, loinc: code };
  });
}

function parseItem(
  obj: Json,
  number: number,
  locale: InstrumentLocale,
): { item: InstrumentItem; options: AnswerOption[]; override: boolean } {
  const linkId = str(obj, 'linkId', 'item');
  const where = `item ${linkId}`;
  if (obj['type'] !== 'choice') fail(`${where}: type must be choice`);
  const ext = extensions(obj);
  const reverse = findExtension(ext, EXT.reverse)?.valueBoolean === true;
  const subscale = findExtension(ext, EXT.subscale)?.valueCode;
  const critical = findExtension(ext, EXT.critical)?.valueBoolean === true;
  const override = findExtension(ext, EXT.optionOverride)?.valueBoolean === true;
  const loinc = loincOf(obj);
  const options = parseOptions(obj, reverse, locale, where);
  const item: InstrumentItem = {
    id: findExtension(ext, EXT.itemId)?.valueString ?? linkId,
    number,
    linkId,
    text: bilingual(obj, 'text', locale, where),
    ...(loinc ? { loinc } : {}),
    ...(reverse ? { reverse } : {}),
    ...(subscale !== undefined ? { subscale } : {}),
    ...(obj['required'] === true ? { required: true } : {}),
    ...(critical ? { critical } : {}),
    ...(override ? { options } : {}),
  };
  return { item, options, override };
}

function parseMetadata(root: Json): InstrumentMetadata {
  const ext = findExtension(extensions(root), EXT.instrument);
  if (!ext?.valueString) fail(`extension ${EXT.instrument} missing: not a Yuxin instrument`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(ext.valueString);
  } catch {
    fail('instrument metadata is not JSON');
  }
  if (!isObject(parsed) || !isObject(parsed['scoring']) || typeof parsed['scoring']['kind'] !== 'string') {
    fail('instrument metadata has no scoring rule');
  }
  return parsed as unknown as InstrumentMetadata;
}

/** Definition back from a Questionnaire written by `toFhirQuestionnaire` (in either language). */
export function fromFhirQuestionnaire(json: unknown): InstrumentDefinition {
  if (!isObject(json) || json['resourceType'] !== 'Questionnaire') fail('not a FHIR Questionnaire');
  const url = str(json, 'url', 'Questionnaire');
  const prefix = `${YUXIN_FHIR_BASE}/Questionnaire/`;
  if (!url.startsWith(prefix) || url.length === prefix.length) fail(`url ${url} is not under ${prefix}`);
  const code = url.slice(prefix.length);
  const version = Number(str(json, 'version', 'Questionnaire'));
  if (!Number.isInteger(version)) fail('version is not an integer');
  const locale: InstrumentLocale = json['language'] === 'zh-CN' ? 'zh-CN' : 'en';
  const metadata = parseMetadata(json);

  let stem: BilingualText | undefined;
  let totalLoinc: string | undefined;
  const parsed: ReturnType<typeof parseItem>[] = [];
  for (const raw of arr(json, 'item', 'Questionnaire')) {
    if (!isObject(raw)) fail('item is not an object');
    if (raw['linkId'] === STEM_LINK_ID) stem = bilingual(raw, 'text', locale, 'stem');
    else if (raw['linkId'] === TOTAL_LINK_ID) totalLoinc = loincOf(raw);
    else parsed.push(parseItem(raw, parsed.length + 1, locale));
  }
  if (!stem) fail('stem item missing');
  const first = parsed.find((p) => !p.override) ?? parsed[0];
  if (!first) fail('no choice items');

  const panel = loincOf(json);
  const loinc = { ...(panel ? { panel } : {}), ...(totalLoinc ? { total: totalLoinc } : {}) };
  const copyright = str(json, 'copyright', 'Questionnaire');
  const def: InstrumentDefinition = {
    code,
    version,
    name: bilingual(json, 'title', locale, 'Questionnaire'),
    shortName: metadata.shortName,
    respondent: metadata.respondent,
    audience: metadata.audience,
    riskScreen: metadata.riskScreen,
    optional: metadata.optional,
    stem,
    options: first.options,
    items: parsed.map((p) => p.item),
    scoring: metadata.scoring,
    licence: { text: copyright, ...metadata.licence },
    ...(Object.keys(loinc).length > 0 ? { loinc } : {}),
    translationStatus: metadata.translationStatus,
  };
  const problems = checkDefinition(def);
  if (problems.length > 0) fail(`inconsistent definition: ${problems.join('; ')}`);
  return def;
}
