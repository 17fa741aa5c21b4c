import PDFDocument from 'pdfkit';
import { cjkFont } from './font.js';
import { ta } from './messages.js';
import type { CredentialSlip, SlipSheet } from './slips.js';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 28;
const COLUMNS = 2;
const ROWS = 5;
export const SLIPS_PER_PAGE = COLUMNS * ROWS;
const SLIP_W = (A4.width - 2 * MARGIN) / COLUMNS;
const SLIP_H = (A4.height - 2 * MARGIN) / ROWS;
const PAD = 12;

// A monospaced face keeps look-alike characters apart when a child copies the password off paper.
const MONO = 'Courier-Bold';
const ASCII = /^[\x20-\x7e]*$/;

/** A4 pages of cut-out slips, ten to a page, with dashed cut lines between them. */
export async function renderSlipsPdf(sheet: SlipSheet): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    info: { Title: ta('slip.pdf-title', sheet.locale, { className: sheet.className }), Creator: 'Yuxin' },
  });
  doc.registerFont('cjk', cjkFont('regular'));
  doc.registerFont('cjk-bold', cjkFont('bold'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  sheet.slips.forEach((slip, i) => {
    const onPage = i % SLIPS_PER_PAGE;
    if (onPage === 0) {
      doc.addPage();
      drawCutLines(doc);
    }
    const x = MARGIN + (onPage % COLUMNS) * SLIP_W;
    const y = MARGIN + Math.floor(onPage / COLUMNS) * SLIP_H;
    drawSlip(doc, sheet, slip, x, y);
  });
  if (sheet.slips.length === 0) doc.addPage();
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}

function drawCutLines(doc: PDFKit.PDFDocument) {
  doc.save().lineWidth(0.6).strokeColor('#9ca3af').dash(4, { space: 3 });
  for (let c = 0; c <= COLUMNS; c++)
    doc
      .moveTo(MARGIN + c * SLIP_W, MARGIN)
      .lineTo(MARGIN + c * SLIP_W, A4.height - MARGIN)
      .stroke();
  for (let r = 0; r <= ROWS; r++)
    doc
      .moveTo(MARGIN, MARGIN + r * SLIP_H)
      .lineTo(A4.width - MARGIN, MARGIN + r * SLIP_H)
      .stroke();
  doc.undash().restore();
}

function drawSlip(doc: PDFKit.PDFDocument, sheet: SlipSheet, slip: CredentialSlip, x: number, y: number) {
  const { locale } = sheet;
  const left = x + PAD;
  const width = SLIP_W - 2 * PAD;
  const labelWidth = locale === 'en' ? 112 : 84;
  // Baselines, not tops: the CJK face and Courier sit at different heights in their line boxes.
  let baseline = y + PAD + 6;
  const line = (text: string, font: string, size: number, color: string, at: number, maxWidth: number) => {
    doc.font(font).fontSize(size);
    // One line each, always: a long school name or URL shrinks rather than wrapping into the next row.
    const fitted = Math.min(size, (size * maxWidth) / Math.max(doc.widthOfString(text), 1));
    doc.fontSize(fitted).fillColor(color).text(text, at, baseline, { lineBreak: false, baseline: 'alphabetic' });
  };

  line(ta('slip.title', locale), 'cjk', 7.5, '#6b7280', left, width);
  baseline += 14;
  line(`${sheet.schoolName}  ${sheet.className}`, 'cjk', 9, '#111827', left, width);

  const row = (label: string, value: string, valueFont: string, size: number, advance: number) => {
    baseline += advance;
    line(label, 'cjk', 8, '#4b5563', left, labelWidth - 4);
    line(value, valueFont, size, '#111827', left + labelWidth, width - labelWidth);
  };
  // A long name (36 characters happen) must stay readable: it may shrink to NAME_MIN_SIZE, then takes a
  // second line, and only then is cut with an ellipsis; the slip has room for one extra line.
  baseline += 22;
  line(ta('slip.name', locale), 'cjk', 8, '#4b5563', left, labelWidth - 4);
  const nameWidth = width - labelWidth;
  const nameLines = fitName(
    slip.studentName,
    (t, size) => doc.font('cjk-bold').fontSize(size).widthOfString(t),
    nameWidth,
  );
  nameLines.lines.forEach((text, i) => {
    if (i > 0) baseline += nameLines.size + 2;
    doc
      .font('cjk-bold')
      .fontSize(nameLines.size)
      .fillColor('#111827')
      .text(text, left + labelWidth, baseline, { lineBreak: false, baseline: 'alphabetic' });
  });
  row(ta('slip.username', locale), slip.username, ASCII.test(slip.username) ? MONO : 'cjk', 11.5, 19);
  row(ta('slip.password', locale), slip.password, ASCII.test(slip.password) ? MONO : 'cjk-bold', 15, 22);
  row(ta('slip.url', locale), sheet.signInUrl, 'cjk', 8.5, 17);

  baseline += 16;
  line(ta('slip.instruction.zh', locale), 'cjk', 8.5, '#b91c1c', left, width);
  if (locale === 'en') {
    baseline += 11;
    line(ta('slip.instruction.en', locale), 'cjk', 7.5, '#b91c1c', left, width);
  }
  doc.fillColor('#000000');
}

const NAME_SIZE = 13;
const NAME_MIN_SIZE = 8.5;

/**
 * How a student's name fits its place on the slip: one line at up to 13 pt, shrinking no further than
 * NAME_MIN_SIZE; else two lines at that size; what still does not fit ends in an ellipsis.
 */
export function fitName(
  name: string,
  widthOf: (text: string, size: number) => number,
  maxWidth: number,
): { size: number; lines: string[] } {
  const oneLine = Math.min(NAME_SIZE, (NAME_SIZE * maxWidth) / Math.max(widthOf(name, NAME_SIZE), 1));
  if (oneLine >= NAME_MIN_SIZE) return { size: oneLine, lines: [name] };
  const chars = [...name];
  const fits = (text: string) => widthOf(text, NAME_MIN_SIZE) <= maxWidth;
  let cut = chars.length;
  while (cut > 1 && !fits(chars.slice(0, cut).join(''))) cut--;
  let rest = chars.slice(cut);
  let second = rest.join('');
  if (!fits(second)) {
    while (rest.length > 0 && !fits(`${rest.join('')}…`)) rest = rest.slice(0, -1);
    second = `${rest.join('')}…`;
  }
  return { size: NAME_MIN_SIZE, lines: [chars.slice(0, cut).join(''), second] };
}
