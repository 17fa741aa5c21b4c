import { optionsOf, type InstrumentDefinition } from '@yuxin/core';
import PDFDocument from 'pdfkit';
import { cjkFont } from '../../accounts/font.js';
import type { Locale } from '../../http/locale.js';
import { itemColumn, type ClassSheet, type PaperForm } from './class-sheet.js';
import { pt } from './messages.js';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 40;
const WIDTH = A4.width - 2 * MARGIN;
const BOTTOM = A4.height - MARGIN;
const BOX = 9;
const OPTION_GAP = 14;
const INK = '#111827';
const MUTED = '#4b5563';

const text = (t: { zh: string; en: string }, locale: Locale) => (locale === 'en' ? t.en : t.zh);

export interface FormsHeading {
  campaignName: string;
  locale: Locale;
}

/**
 * One questionnaire per student, each starting on a new A4 page: who it is for (name, 学籍号, class) on
 * every page so loose sheets find their owner, then each instrument of the student's assignment with
 * a tick box per option. The number beside each box is the score typed into the answer template.
 */
export async function renderPaperFormsPdf(
  sheet: Pick<ClassSheet, 'className' | 'schoolName'>,
  forms: PaperForm[],
  heading: FormsHeading,
): Promise<Buffer> {
  const { locale } = heading;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    info: { Title: `${heading.campaignName} ${sheet.className}`, Creator: 'Yuxin' },
  });
  doc.registerFont('cjk', cjkFont('regular'));
  doc.registerFont('cjk-bold', cjkFont('bold'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  for (const form of forms) drawForm(doc, sheet, heading, form);
  if (forms.length === 0) {
    doc.addPage();
    doc.font('cjk').fontSize(12).fillColor(INK).text(pt('form.none', locale), MARGIN, MARGIN, { width: WIDTH });
  }
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}

/** Room to write a name or 学籍号 by hand on a blank form. */
const WRITE_IN = '________________';

function drawForm(
  doc: PDFKit.PDFDocument,
  sheet: Pick<ClassSheet, 'className' | 'schoolName'>,
  heading: FormsHeading,
  form: PaperForm,
) {
  const { locale } = heading;
  let y = 0;
  const newPage = (continued: boolean) => {
    doc.addPage();
    y = MARGIN;
    doc
      .font('cjk')
      .fontSize(8)
      .fillColor(MUTED)
      .text(
        `${heading.campaignName} · ${sheet.schoolName} ${sheet.className}${continued ? ` ${pt('form.continued', locale)}` : ''}`,
        MARGIN,
        y,
        { width: WIDTH },
      );
    y = doc.y + 4;
    doc
      .font('cjk-bold')
      .fontSize(11)
      .fillColor(INK)
      .text(
        pt('form.student', locale, { name: form.name ?? WRITE_IN, studentNo: form.studentNo ?? WRITE_IN }),
        MARGIN,
        y,
        { width: WIDTH },
      );
    y = doc.y + 4;
    doc
      .moveTo(MARGIN, y)
      .lineTo(A4.width - MARGIN, y)
      .lineWidth(0.6)
      .strokeColor('#9ca3af')
      .stroke();
    y += 10;
  };
  /** Where a block of this height starts: here, or at the top of a new page if it would not fit. */
  const ensure = (height: number) => {
    if (y + height > BOTTOM) newPage(true);
    return y;
  };

  newPage(false);
  doc
    .font('cjk-bold')
    .fontSize(15)
    .fillColor(INK)
    .text(pt('form.title', locale), MARGIN, y, { width: WIDTH, align: 'center' });
  y = doc.y + 6;
  doc.font('cjk').fontSize(9).fillColor(MUTED).text(pt('form.instructions', locale), MARGIN, y, { width: WIDTH });
  y = doc.y + 10;

  for (const def of form.defs) {
    ensure(60);
    const name = text(def.name, locale);
    // The short name is what the template's columns say, so it is on every form even when the name lacks it.
    doc
      .font('cjk-bold')
      .fontSize(12)
      .fillColor(INK)
      .text(name.includes(def.shortName) ? name : `${name} (${def.shortName})`, MARGIN, y, { width: WIDTH });
    y = doc.y + 2;
    doc.font('cjk').fontSize(9).fillColor(MUTED).text(text(def.stem, locale), MARGIN, y, { width: WIDTH });
    y = doc.y + 8;
    for (const item of def.items) y = drawItem(doc, def, item, locale, ensure);
    y += 8;
  }
}

/** One item: its column name and text, then its options as boxes wrapped across as many lines as needed. */
function drawItem(
  doc: PDFKit.PDFDocument,
  def: InstrumentDefinition,
  item: InstrumentDefinition['items'][number],
  locale: Locale,
  ensure: (height: number) => number,
): number {
  const label = `${itemColumn(def, item.number)}. ${text(item.text, locale)}`;
  doc.font('cjk').fontSize(10);
  const options = optionsOf(def, item).map((o) => ({ code: o.code, label: `${o.code}  ${text(o.label, locale)}` }));
  const optionWidths = options.map((o) => BOX + 4 + doc.fontSize(9).widthOfString(o.label));
  const optionLines = countLines(optionWidths, WIDTH - 12);
  doc.fontSize(10);
  let y = ensure(doc.heightOfString(label, { width: WIDTH }) + optionLines * 16 + 8);
  doc.font('cjk').fontSize(10).fillColor(INK).text(label, MARGIN, y, { width: WIDTH });
  y = doc.y + 4;
  let x = MARGIN + 12;
  options.forEach((o, i) => {
    const w = optionWidths[i]!;
    if (x + w > MARGIN + WIDTH && x > MARGIN + 12) {
      x = MARGIN + 12;
      y += 16;
    }
    doc
      .rect(x, y + 1, BOX, BOX)
      .lineWidth(0.8)
      .strokeColor(INK)
      .stroke();
    doc
      .font('cjk')
      .fontSize(9)
      .fillColor(INK)
      .text(o.label, x + BOX + 4, y, { lineBreak: false });
    x += w + OPTION_GAP;
  });
  return y + 22;
}

function countLines(widths: number[], available: number): number {
  let lines = 1;
  let used = 0;
  for (const w of widths) {
    if (used > 0 && used + w > available) {
      lines++;
      used = 0;
    }
    used += w + OPTION_GAP;
  }
  return lines;
}
