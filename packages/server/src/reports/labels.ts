import type { Locale } from '../http/locale.js';
import { gradeName } from '../seed/grades.js';
import { categoryLabel } from './messages.js';
import type { Breakdown, ScreeningReport } from './report.js';

export type RowLabels = Record<Breakdown, Record<string, string>>;

/** Row names of every breakdown in the caller's language, so the page and the files name rows alike. */
export function rowLabels(report: ScreeningReport, locale: Locale): RowLabels {
  const en = locale === 'en';
  const keys = (d: Breakdown) => report.tiers[d].rows;
  const grade = (k: string) => (Number(k) >= 1 && Number(k) <= 12 ? gradeName(Number(k))[en ? 'en' : 'zh'] : k);
  return {
    unit: Object.fromEntries(
      report.children.map((c) => [
        c.key,
        report.level === 'school' ? grade(c.key) : en ? (c.nameEn ?? c.name) : c.name,
      ]),
    ),
    grade: Object.fromEntries(keys('grade').map((k) => [k, grade(k)])),
    gender: Object.fromEntries(keys('gender').map((k) => [k, categoryLabel('gender', k, locale)])),
    stage: Object.fromEntries(keys('stage').map((k) => [k, categoryLabel('stage', k, locale)])),
    care_tag: Object.fromEntries(keys('care_tag').map((k) => [k, categoryLabel('care', k, locale)])),
  };
}
