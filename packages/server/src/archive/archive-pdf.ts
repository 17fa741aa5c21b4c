import { ARCHIVE_SECTIONS, bandLabel, chinaDateOf, instrumentShortName, type ArchiveSection } from '@yuxin/core';
import PDFDocument from 'pdfkit';
import { cjkFont } from '../accounts/font.js';
import type { Locale } from '../http/locale.js';
import type { ArchiveContent } from './archive.js';
import { am } from './messages.js';
import { drawTrajectory, plotTrajectory } from './trajectory-plot.js';

const MARGIN = 48;
const CHART_H = 140;
const INK = '#111827';
const MUTED = '#4b5563';
const TEAL = '#0f766e';

const day = (iso: string | null | undefined) => (iso ? chinaDateOf(new Date(iso)) : '—');

/**
 * The archive as an A4 document for the psychology teacher's paper file: the sections in the page's order,
 * each as plain lines (pdfkit wraps them), Chinese text in the embedded Noto Sans SC.
 */
export async function renderArchivePdf(content: ArchiveContent, locale: Locale, now: Date): Promise<Buffer> {
  const { student, sections } = content;
  const title = am('pdf.title', locale, { name: student.name });
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: title, Creator: 'Yuxin' } });
  doc.registerFont('cjk', cjkFont('regular'));
  doc.registerFont('cjk-bold', cjkFont('bold'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  const heading = (s: string) => {
    doc.moveDown(0.8).font('cjk-bold').fontSize(13).fillColor(TEAL).text(s);
    doc.moveDown(0.2);
  };
  const line = (s: string, color = INK) => doc.font('cjk').fontSize(10).fillColor(color).text(s);
  const none = () => line(am('pdf.none', locale), MUTED);

  doc.font('cjk-bold').fontSize(18).fillColor(INK).text(title);
  line(am('pdf.generated', locale, { at: `${chinaDateOf(now)}` }), MUTED);

  const draw: { [S in ArchiveSection]: (v: NonNullable<ArchiveContent['sections'][S]>) => void } = {
    profile: (p) => {
      line(`${p.name}  ${am('pdf.studentNo', locale)}: ${p.studentNo}`);
      line(`${am('pdf.class', locale)}: ${p.schoolName} ${p.gradeName} ${p.className}`);
      if (p.careTags.length) line(`${am('pdf.careTags', locale)}: ${p.careTags.join(', ')}`);
      for (const e of p.enrollments) line(`${e.schoolYear}  ${e.schoolName} ${e.gradeName} ${e.className}`, MUTED);
    },
    screenings: (v) => {
      if (!v.series.length) return none();
      if (v.series.some((s) => s.points.some((p) => p.total !== null))) {
        if (doc.y + CHART_H + 20 > doc.page.height - MARGIN) doc.addPage();
        const width = doc.page.width - 2 * MARGIN;
        const plot = plotTrajectory(v.series, { x: MARGIN, y: doc.y, width, height: CHART_H });
        drawTrajectory(doc, plot, (code) => instrumentShortName(code));
        doc.x = MARGIN;
        doc.y = plot.plot.y + plot.plot.height + 20;
      }
      for (const s of v.series) {
        line(instrumentShortName(s.instrument));
        for (const p of s.points)
          line(`  ${day(p.at)}  ${p.total ?? '—'}  ${p.band ? bandLabel(s.instrument, p.band, locale) : ''}`, MUTED);
      }
    },
    tiers: (v) => {
      line(v.current === null ? am('pdf.tier.none', locale) : am('pdf.tier.current', locale, { tier: v.current }));
      for (const t of v.history)
        line(
          `${day(t.reviewedAt)}  ${t.campaignName ?? ''}  ${t.suggestedTier ?? '—'} → ${t.confirmedTier ?? '—'}  ${t.reviewReason ?? ''}`,
          MUTED,
        );
    },
    observations: (v) => {
      if (!v.items.length) return none();
      for (const o of v.items)
        line(`${day(o.seenAt)}  ${o.urgency}  ${o.signs.join(', ')}${o.note ? `  ${o.note}` : ''}`);
    },
    cases: (v) => {
      if (!v.items.length) return none();
      for (const c of v.items) line(`${day(c.openedAt)}  ${c.state}`);
    },
    referrals: (v) => {
      if (!v.items.length) return none();
      for (const r of v.items) line(`${day(r.createdAt)}  ${r.hospital.name}  ${r.status}  ${r.reason}`);
    },
    handover: (v) => {
      if (!v.items.length) return none();
      for (const h of v.items) {
        line(
          `${day(h.acceptedAt)}  ${h.fromSchool} → ${h.toSchool}  ${h.tier === null ? am('pdf.tier.none', locale) : am('pdf.tier.current', locale, { tier: h.tier })}${h.caseOpen ? `  ${am('pdf.handover.caseOpen', locale)}` : ''}`,
        );
        if (h.followUpNeeds) line(`${am('pdf.handover.followUp', locale)}: ${h.followUpNeeds}`, MUTED);
        if (h.attention) line(`${am('pdf.handover.attention', locale)}: ${h.attention}`, MUTED);
        line(am('pdf.handover.signed', locale, { by: h.signedBy, at: day(h.signedAt) }), MUTED);
      }
    },
    family: (v) => {
      if (!v.current) return none();
      const c = v.current;
      line(am('pdf.version', locale, { version: c.version, by: c.recordedBy, at: day(c.recordedAt) }), MUTED);
      doc.font('cjk-bold').fontSize(10).fillColor(INK).text(am('pdf.family', locale));
      line(c.family);
      doc.font('cjk-bold').fontSize(10).fillColor(INK).text(am('pdf.growth', locale));
      line(c.growth);
    },
    homeContacts: (v) => {
      if (!v.items.length) return none();
      for (const h of v.items) {
        line(`${h.contactedOn}  ${am(`mode.${h.mode}`, locale)}  ${h.participants}  (${h.recordedBy})`);
        line(h.summary, MUTED);
      }
    },
  };
  for (const section of ARCHIVE_SECTIONS) {
    const value = sections[section];
    if (value === undefined) continue;
    heading(am(`section.${section}`, locale));
    (draw[section] as (v: unknown) => void)(value);
  }
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}
