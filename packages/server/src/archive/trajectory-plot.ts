import { chinaDateOf } from '@yuxin/core';
import type { scoreTrajectory } from '../cases/monitoring.js';
import { niceCount } from '../pdf/axes.js';

type Series = Awaited<ReturnType<typeof scoreTrajectory>>[number];

export interface PlotBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TrajectoryPlot {
  yMax: number;
  yTicks: Array<{ value: number; y: number }>;
  /** Dates under the axis, in China time like the page; at most three so they never overlap. */
  xLabels: Array<{ text: string; x: number }>;
  lines: Array<{
    instrument: string;
    points: Array<{ x: number; y: number; critical: boolean; valid: boolean }>;
  }>;
  plot: PlotBox;
}

const AXIS_W = 30;
const LEGEND_H = 14;
const LABEL_H = 12;

/**
 * Where each scored response of the trajectory falls in a box: time across, total up, one line per
 * instrument like the archive page's chart. An unscored response has no place on the axis (the list under
 * the chart still names it); a single date sits in the middle rather than on the axis.
 */
export function plotTrajectory(series: readonly Series[], box: PlotBox): TrajectoryPlot {
  const plot = {
    x: box.x + AXIS_W,
    y: box.y + LEGEND_H,
    width: box.width - AXIS_W,
    height: box.height - LEGEND_H - LABEL_H,
  };
  const scored = series.map((s) => ({
    instrument: s.instrument,
    points: s.points
      .filter((p): p is typeof p & { total: number } => p.total !== null)
      .map((p) => ({ ...p, time: new Date(p.at).getTime() })),
  }));
  const all = scored.flatMap((s) => s.points);
  const yMax = niceCount(Math.max(1, ...all.map((p) => p.total)));
  const first = Math.min(...all.map((p) => p.time));
  const last = Math.max(...all.map((p) => p.time));
  const span = last - first;
  // A little room at both ends so the first and last points are not drawn on the frame.
  const pad = plot.width * 0.05;
  const xOf = (time: number) =>
    span === 0 ? plot.x + plot.width / 2 : plot.x + pad + ((plot.width - 2 * pad) * (time - first)) / span;
  const yOf = (total: number) => plot.y + plot.height - (plot.height * total) / yMax;
  const labelTimes = all.length === 0 ? [] : span === 0 ? [first] : [first, first + span / 2, last];
  return {
    yMax,
    yTicks: [0, 1, 2, 3, 4].map((t) => ({ value: (yMax * t) / 4, y: yOf((yMax * t) / 4) })),
    xLabels: labelTimes.map((time) => ({ text: chinaDateOf(new Date(time)), x: xOf(time) })),
    lines: scored
      .filter((s) => s.points.length > 0)
      .map((s) => ({
        instrument: s.instrument,
        points: s.points.map((p) => ({ x: xOf(p.time), y: yOf(p.total), critical: p.critical, valid: p.valid })),
      })),
    plot,
  };
}

// The page chart's hues: the theme colour first, each dark enough to read on white.
const LINE_COLORS = ['#0f766e', '#1d4ed8', '#b45309', '#7e22ce', '#be123c', '#0e7490'];
const CRITICAL_COLOR = '#b91c1c';
const MUTED = '#4b5563';

/**
 * Draws the plot as vector shapes (prints sharp, stays small): gridlines with their values, one polyline
 * per instrument, a red diamond where a critical item was positive, a hollow dot for an invalid response.
 */
export function drawTrajectory(
  doc: PDFKit.PDFDocument,
  plot: TrajectoryPlot,
  nameOf: (instrument: string) => string,
): void {
  const { x, y, width, height } = plot.plot;
  const small = (s: string, tx: number, ty: number, w: number, align: 'left' | 'right' | 'center') =>
    doc.font('cjk').fontSize(7).fillColor(MUTED).text(s, tx, ty, { width: w, align, lineBreak: false });
  plot.lines.forEach((line, i) => {
    const lx = x + i * 90;
    doc.rect(lx, y - LEGEND_H + 3, 8, 8).fill(LINE_COLORS[i % LINE_COLORS.length]);
    small(nameOf(line.instrument), lx + 11, y - LEGEND_H + 2, 76, 'left');
  });
  for (const tick of plot.yTicks) {
    doc
      .moveTo(x, tick.y)
      .lineTo(x + width, tick.y)
      .lineWidth(0.3)
      .strokeColor('#e5e7eb')
      .stroke();
    small(String(Math.round(tick.value)), x - AXIS_W, tick.y - 4, AXIS_W - 4, 'right');
  }
  for (const label of plot.xLabels) small(label.text, label.x - 40, y + height + 3, 80, 'center');
  plot.lines.forEach((line, i) => {
    const color = LINE_COLORS[i % LINE_COLORS.length]!;
    line.points.forEach((p, k) => (k === 0 ? doc.moveTo(p.x, p.y) : doc.lineTo(p.x, p.y)));
    if (line.points.length > 1) doc.lineWidth(1.2).strokeColor(color).stroke();
    for (const p of line.points) {
      if (p.critical) {
        doc.polygon([p.x, p.y - 4], [p.x + 4, p.y], [p.x, p.y + 4], [p.x - 4, p.y]).fill(CRITICAL_COLOR);
      } else if (!p.valid) {
        doc.circle(p.x, p.y, 2.5).lineWidth(1).strokeColor(color).stroke();
      } else {
        doc.circle(p.x, p.y, 2.5).fill(color);
      }
    }
  });
  doc
    .moveTo(x, y + height)
    .lineTo(x + width, y + height)
    .lineWidth(0.6)
    .strokeColor(MUTED)
    .stroke();
}
