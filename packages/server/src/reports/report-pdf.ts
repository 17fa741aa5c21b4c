import PDFDocument from 'pdfkit';
import { cjkFont } from '../accounts/font.js';
import { niceCount, niceShare } from '../pdf/axes.js';
import type { SheetDocument, SheetTable } from './report-sheet.js';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 40;
const WIDTH = A4.width - 2 * MARGIN;
const ROW_H = 16;
// Theme teal and its companions, dark enough to read as labels on white.
const SERIES_COLORS = ['#0f766e', '#d97706', '#b91c1c', '#4338ca', '#6b7280'];
const INK = '#111827';
const MUTED = '#4b5563';

/**
 * A4 report: title, the suppression note, then each table with its bar chart drawn as vector shapes
 * (no raster image, so it prints sharp and stays small). Chinese text uses the embedded Noto Sans SC.
 */
export async function renderReportPdf(sheet: SheetDocument, generatedAt: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: sheet.title, Creator: 'Yuxin' } });
  doc.registerFont('cjk', cjkFont('regular'));
  doc.registerFont('cjk-bold', cjkFont('bold'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  let y = MARGIN;
  const ensure = (h: number) => {
    if (y + h > A4.height - MARGIN) {
      doc.addPage();
      y = MARGIN;
    }
  };
  const text = (
    s: string,
    x: number,
    at: number,
    size: number,
    opts: { bold?: boolean; color?: string; width?: number; align?: 'left' | 'right' | 'center' } = {},
  ) => {
    doc
      .font(opts.bold ? 'cjk-bold' : 'cjk')
      .fontSize(size)
      .fillColor(opts.color ?? INK);
    const width = opts.width ?? WIDTH;
    // One line per cell: a long name shrinks instead of wrapping over the next row.
    const fitted = Math.min(size, (size * (width - 2)) / Math.max(doc.widthOfString(s), 1));
    doc.fontSize(fitted).text(s, x, at, { width, align: opts.align ?? 'left', lineBreak: false });
  };

  text(sheet.title, MARGIN, y, 16, { bold: true });
  y += 26;
  text(generatedAt, MARGIN, y, 8, { color: MUTED });
  y += 14;
  if (sheet.note) text(sheet.note, MARGIN, y, 8, { color: MUTED });
  y += 22;

  for (const table of sheet.tables) {
    ensure(ROW_H * 3 + (table.chart ? 150 : 0));
    text(table.title, MARGIN, y, 11, { bold: true });
    y += 18;
    if (table.chart && table.chart.categories.length > 0) {
      drawBars(doc, table.chart, MARGIN, y, WIDTH, 130, text);
      y += 150;
    }
    const colW = WIDTH / table.header.length;
    const firstW = Math.min(colW * 2, WIDTH * 0.3);
    const restW = (WIDTH - firstW) / Math.max(table.header.length - 1, 1);
    const cellX = (i: number) => (i === 0 ? MARGIN : MARGIN + firstW + (i - 1) * restW);
    const cellW = (i: number) => (i === 0 ? firstW : restW);
    const drawRow = (cells: (string | number)[], bold: boolean) => {
      ensure(ROW_H);
      cells.forEach((c, i) =>
        text(String(c), cellX(i) + 2, y + 3, 8, { bold, width: cellW(i) - 4, align: i === 0 ? 'left' : 'right' }),
      );
      doc
        .moveTo(MARGIN, y + ROW_H)
        .lineTo(MARGIN + WIDTH, y + ROW_H)
        .lineWidth(0.4)
        .strokeColor('#d1d5db')
        .stroke();
      y += ROW_H;
    };
    doc.rect(MARGIN, y, WIDTH, ROW_H).fill('#e0f2ef');
    drawRow(table.header, true);
    for (const row of table.rows) drawRow(row, false);
    y += 14;
  }
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}

type TextFn = (
  s: string,
  x: number,
  at: number,
  size: number,
  opts?: { bold?: boolean; color?: string; width?: number; align?: 'left' | 'right' | 'center' },
) => void;

/** Grouped vertical bars with a value axis, a legend, and category names under each group. */
function drawBars(
  doc: PDFKit.PDFDocument,
  chart: NonNullable<SheetTable['chart']>,
  x: number,
  y: number,
  width: number,
  height: number,
  text: TextFn,
) {
  const legendH = 14;
  const labelH = 14;
  const axisW = 34;
  const plotTop = y + legendH;
  const plotH = height - legendH - labelH;
  const plotX = x + axisW;
  const plotW = width - axisW;
  const values = chart.series.flatMap((s) => s.values).filter((v): v is number => v != null);
  const max = chart.percent ? niceShare(Math.max(...values, 0.01)) : niceCount(Math.max(...values, 1));

  chart.series.forEach((s, i) => {
    const lx = x + axisW + i * 110;
    doc.rect(lx, y + 2, 8, 8).fill(SERIES_COLORS[i % SERIES_COLORS.length]);
    text(s.name, lx + 11, y + 1, 8, { width: 96, color: MUTED });
  });
  for (let t = 0; t <= 4; t++) {
    const v = (max * t) / 4;
    const ty = plotTop + plotH - (plotH * t) / 4;
    doc
      .moveTo(plotX, ty)
      .lineTo(plotX + plotW, ty)
      .lineWidth(0.3)
      .strokeColor('#e5e7eb')
      .stroke();
    text(chart.percent ? `${Math.round(v * 100)}%` : String(Math.round(v)), x, ty - 4, 7, {
      width: axisW - 4,
      align: 'right',
      color: MUTED,
    });
  }
  const groupW = plotW / chart.categories.length;
  const barW = Math.min(18, (groupW * 0.8) / chart.series.length);
  chart.categories.forEach((cat, ci) => {
    const gx = plotX + ci * groupW + (groupW - barW * chart.series.length) / 2;
    chart.series.forEach((s, si) => {
      const v = s.values[ci];
      const bx = gx + si * barW;
      // A hidden count has no bar; a thin grey tick marks that something is there but not shown.
      if (v == null) doc.rect(bx, plotTop + plotH - 2, barW - 1, 2).fill('#9ca3af');
      else if (v > 0) {
        const h = (plotH * v) / max;
        doc.rect(bx, plotTop + plotH - h, barW - 1, h).fill(SERIES_COLORS[si % SERIES_COLORS.length]);
      }
    });
    text(cat, plotX + ci * groupW, plotTop + plotH + 3, 7, { width: groupW, align: 'center', color: MUTED });
  });
  doc
    .moveTo(plotX, plotTop + plotH)
    .lineTo(plotX + plotW, plotTop + plotH)
    .lineWidth(0.6)
    .strokeColor(MUTED)
    .stroke();
}
