import type { Locale } from '../http/locale.js';
import type { SheetDocument, SheetTable } from '../reports/report-sheet.js';
import { complianceLabel as label } from './labels.js';
import { tcm } from './messages.js';
import type { ComplianceReport } from './report.js';

/** The compliance report as titled tables for the shared PDF and workbook renderers, codes named in words; empty parts say so. */
export function complianceSheet(r: ComplianceReport, locale: Locale): SheetDocument {
  const L = (k: Parameters<typeof tcm>[0], p?: Record<string, string | number>) => tcm(k, locale, p);
  const none = (width: number) => [[L('none'), ...Array<string>(width - 1).fill('')]];
  const table = (
    key: 'access' | 'exports' | 'consents' | 'disclosures' | 'retention' | 'accounts' | 'refusals',
    header: string[],
    rows: (string | number)[][],
  ): SheetTable => ({
    sheet: L(`sheet.${key}`),
    title: L(`sheet.${key}`),
    header,
    rows: rows.length ? rows : none(header.length),
  });
  const name = (c: Parameters<typeof label>[0], code: string) => label(c, code, locale);
  const unit = locale === 'en' ? (r.unit.nameEn ?? r.unit.name) : r.unit.name;
  return {
    title: L('title', { unit, year: r.year }),
    note: L('note'),
    tables: [
      table(
        'access',
        [L('col.username'), L('col.role'), L('col.target'), L('col.events')],
        r.access.map((a) => [
          a.username,
          a.roles.map((role) => name('role', role)).join(locale === 'en' ? ', ' : '、'),
          name('target', a.targetType),
          a.events,
        ]),
      ),
      table(
        'exports',
        [L('col.action'), L('col.role'), L('col.events'), L('col.users')],
        r.exports.map((e) => [name('action', e.action), name('role', e.role), e.events, e.users]),
      ),
      table(
        'consents',
        [L('col.kind'), L('col.decision'), L('col.count')],
        [
          ...r.consents.map((c) => [name('consent', c.kind), name('decision', c.decision), c.count]),
          [L('consents.held'), '', r.consentsHeld],
        ],
      ),
      table(
        'disclosures',
        [L('col.told'), L('col.count')],
        r.disclosures.map((d) => [name('told', d.told), d.count]),
      ),
      table(
        'retention',
        [L('col.action'), L('col.events')],
        r.retention.map((x) => [name('action', x.action), x.events]),
      ),
      table(
        'accounts',
        [L('col.kind'), L('col.count')],
        r.accountsDisabled.map((a) => [name('accountKind', a.kind), a.count]),
      ),
      table(
        'refusals',
        [L('col.action'), L('col.outcome'), L('col.events')],
        r.refusals.map((x) => [name('action', x.action), name('outcome', x.outcome), x.events]),
      ),
    ],
  };
}
