import type { AnswerOption, Licence, RangeBand } from '../types.js';

/** PHQ/GAD frequency options, LOINC answer list LL358-3 (catalog §2, §5). zh is the catalog's [UNVERIFIED] wording. */
export const FREQUENCY_OPTIONS_0_3: AnswerOption[] = [
  { code: 0, label: { en: 'Not at all', zh: '完全不会' }, loinc: 'LA6568-5' },
  { code: 1, label: { en: 'Several days', zh: '好几天' }, loinc: 'LA6569-3' },
  { code: 2, label: { en: 'More than half the days', zh: '一半以上的天数' }, loinc: 'LA6570-1' },
  { code: 3, label: { en: 'Nearly every day', zh: '几乎每天' }, loinc: 'LA6571-9' },
];

/** Footer the PHQ and GAD forms must carry (catalog §2, §5). */
export const PFIZER_FOOTER =
  'Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational ' +
  'grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.';

export function pfizerLicence(source: string): Licence {
  return { text: PFIZER_FOOTER, source, displayFooter: true };
}

/** Kroenke 2001 severity bands, shared by PHQ-9 and PHQ-A (catalog §2, §3). */
export function phqSeverityBands(): RangeBand[] {
  return [
    { id: 'none', label: { en: 'none–minimal', zh: '无或极轻微' }, min: 0, max: 4 },
    { id: 'mild', label: { en: 'mild', zh: '轻度' }, min: 5, max: 9 },
    { id: 'moderate', label: { en: 'moderate', zh: '中度' }, min: 10, max: 14 },
    { id: 'moderately_severe', label: { en: 'moderately severe', zh: '中重度' }, min: 15, max: 19 },
    { id: 'severe', label: { en: 'severe', zh: '重度' }, min: 20, max: 27 },
  ];
}

/** Cut-off ≥ 3 bands of the two-item pre-screens (catalog §4). */
export function twoItemPrescreenBands(): RangeBand[] {
  return [
    { id: 'negative', label: { en: 'negative', zh: '阴性' }, min: 0, max: 2 },
    { id: 'positive', label: { en: 'positive', zh: '阳性' }, min: 3, max: 6 },
  ];
}
