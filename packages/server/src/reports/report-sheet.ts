import type { PublishedTable } from '@yuxin/core';
import type { Locale } from '../http/locale.js';
import { bandLabel, criticalFlagLabel, getInstrument } from '@yuxin/core';
import { rowLabels } from './labels.js';
import { tr, type ReportMessageKey } from './messages.js';
import { BREAKDOWNS, type Breakdown, type ScreeningReport } from './report.js';
import type { FollowUpStudent } from './students.js';

/**
 * The report as titled tables of display strings, the one layout both the PDF and the workbook render:
 * the files cannot disagree on what a cell shows, and a suppressed count is "—" in both.
 */
export interface SheetTable {
  /** The worksheet the table goes to in the workbook, already in the reader's language. */
  sheet: string;
  title: string;
  /** Columns that stay text in the workbook (学籍号 keeps its leading zeros). */
  textColumns?: number[];
  header: string[];
  rows: (string | number)[][];
  /** Bars to draw above the table: categories with one value per series (null = hidden). */
  chart?: { categories: string[]; series: { name: string; values: (number | null)[] }[]; percent?: boolean };
}

export const HIDDEN = '—';
const show = (n: number | null) => (n == null ? HIDDEN : n);
const pct = (x: number | null) => (x == null ? HIDDEN : `${(x * 100).toFixed(1)}%`);

function tableRows(t: PublishedTable, labels: Record<string, string>, withTotal = true): (string | number)[][] {
  const body = t.rows.map((r, i) => [
    labels[r] ?? r,
    ...t.cells[i]!.map(show),
    ...(withTotal ? [show(t.rowTotals[i]!)] : []),
  ]);
  return withTotal
    ? [...body, ['', ...t.columnTotals.map(show), show(t.total)].map((v, i) => (i === 0 ? '__total__' : v))]
    : body;
}

/** A document of tables: what the PDF and workbook renderers take. */
export interface SheetDocument {
  title: string;
  /** A line under the title (e.g. what "—" means). */
  note?: string;
  tables: SheetTable[];
}

export function reportSheet(
  report: ScreeningReport,
  students: FollowUpStudent[] | null,
  locale: Locale,
): SheetDocument {
  const L = (k: ReportMessageKey, p?: Record<string, string | number>) => tr(k, locale, p);
  const labels = rowLabels(report, locale);
  const unitName = locale === 'en' ? (report.unit.nameEn ?? report.unit.name) : report.unit.name;
  const total = L('col.total');
  const fixTotals = (rows: (string | number)[][]) => rows.map((r) => r.map((v) => (v === '__total__' ? total : v)));
  const dimName = (d: Breakdown) => (d === 'unit' ? L(`dim.unit.${report.level}`) : L(`dim.${d}` as ReportMessageKey));
  const tierHeader = [L('col.tier1'), L('col.tier2'), L('col.tier3')];
  const tables: SheetTable[] = [];

  const p = report.participation;
  tables.push({
    sheet: L('sheet.participation'),
    title: L('section.participation'),
    header: [dimName('unit'), L('col.valid'), L('col.invalid'), L('col.not_completed'), L('col.invited')],
    rows: fixTotals(tableRows(p, labels.unit)),
    chart: {
      categories: p.rows.map((r) => labels.unit[r] ?? r),
      series: [
        { name: L('col.valid'), values: p.cells.map((c) => c[0]!) },
        { name: L('col.invalid'), values: p.cells.map((c) => c[1]!) },
        { name: L('col.not_completed'), values: p.cells.map((c) => c[2]!) },
      ],
    },
  });
  // A school's units are its grades: the grade breakdown would repeat them.
  const breakdowns = BREAKDOWNS.filter((d) => !(report.level === 'school' && d === 'grade'));
  for (const d of breakdowns) {
    const t = report.tiers[d];
    if (t.rows.length === 0) continue;
    tables.push({
      sheet: L('sheet.tiers'),
      title: L('section.tiers-by', { dimension: dimName(d) }),
      header: [dimName(d), ...tierHeader, ...(d !== 'care_tag' ? [total] : [])],
      rows: fixTotals(tableRows(t, labels[d], d !== 'care_tag')),
      ...(d === 'unit'
        ? {
            chart: {
              categories: t.rows.map((r) => labels.unit[r] ?? r),
              series: tierHeader.map((name, i) => ({ name, values: t.cells.map((c) => c[i]!) })),
            },
          }
        : {}),
    });
  }
  for (const b of report.bands) {
    const def = getInstrument(b.instrument);
    const name = def ? (locale === 'en' ? def.name.en : def.name.zh) : b.instrument;
    const header = b.columns.map((c) => bandLabel(b.instrument, c, locale));
    const by: [Breakdown, PublishedTable][] = [
      ['unit', b.byUnit],
      ['grade', b.byGrade],
      ['gender', b.byGender],
      ['stage', b.byStage],
      ['care_tag', b.byCareTag],
    ];
    for (const [d, t] of by) {
      if (t.rows.length === 0 || !breakdowns.includes(d)) continue;
      tables.push({
        sheet: L('sheet.bands'),
        title: L('section.bands', { instrument: name, dimension: dimName(d) }),
        header: [dimName(d), ...header, ...(d !== 'care_tag' ? [total] : [])],
        rows: fixTotals(tableRows(t, labels[d], d !== 'care_tag')),
      });
    }
  }
  {
    const rows: (string | number)[][] = [
      [L('this.unit'), pct(report.comparison.unit.completionRate), ...report.comparison.unit.tiers.map(pct)],
    ];
    const parentName = report.parent
      ? locale === 'en'
        ? (report.parent.nameEn ?? report.parent.name)
        : report.parent.name
      : null;
    if (report.comparison.parent && parentName)
      rows.push([parentName, pct(report.comparison.parent.completionRate), ...report.comparison.parent.tiers.map(pct)]);
    tables.push({
      sheet: L('sheet.comparison'),
      title: L('section.comparison'),
      header: [L('col.unit'), L('col.completion_rate'), ...tierHeader],
      rows,
      chart: {
        categories: tierHeader,
        series: [
          { name: unitName, values: report.comparison.unit.tiers },
          ...(report.comparison.parent && parentName
            ? [{ name: parentName, values: report.comparison.parent.tiers }]
            : []),
        ],
        percent: true,
      },
    });
  }
  if (report.trend.length > 0) {
    tables.push({
      sheet: L('sheet.comparison'),
      title: L('section.trend'),
      header: [L('col.campaign'), L('col.invited'), L('col.valid'), L('col.invalid'), ...tierHeader],
      rows: [...report.trend]
        .reverse()
        .map((t) => [
          t.name,
          show(t.participation.total),
          show(t.participation.cells[0]![0]!),
          show(t.participation.cells[0]![1]!),
          ...t.tiers.cells[0]!.map(show),
        ]),
    });
  }
  if (report.critical.columns.length > 0) {
    tables.push({
      sheet: L('sheet.critical'),
      title: L('section.critical'),
      header: [dimName('unit'), ...report.critical.columns.map((flag) => criticalFlagLabel(flag, locale)), total],
      rows: fixTotals(tableRows(report.critical, labels.unit)),
    });
  }
  {
    const a = report.alerts;
    tables.push({
      sheet: L('sheet.alerts'),
      title: L('section.alerts'),
      header: [
        dimName('unit'),
        L('col.on_time'),
        L('col.late'),
        L('col.open'),
        total,
        L('col.case_opened'),
        L('col.ack_minutes'),
      ],
      rows: a.rows.map((r, i) => [
        labels.unit[r] ?? r,
        ...a.cells[i]!.map(show),
        show(a.rowTotals[i]!),
        show(report.casesOpened.cells[i]![0]!),
        report.meanAckMinutes[i] ?? HIDDEN,
      ]),
    });
  }
  if (students) {
    tables.push({
      sheet: L('sheet.students'),
      title: L('section.students'),
      textColumns: [1],
      header: [L('col.name'), L('col.student_no'), L('col.class'), L('col.tier')],
      rows: students.map((s) => [s.name, s.studentNo, s.className, s.tier]),
    });
  }
  return { title: L('title', { unit: unitName, campaign: report.campaign.name }), note: L('note.suppressed'), tables };
}
