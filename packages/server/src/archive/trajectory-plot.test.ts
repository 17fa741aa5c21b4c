import { describe, expect, it } from 'vitest';
import { plotTrajectory } from './trajectory-plot.js';

const point = (at: string, total: number | null, extra: { critical?: boolean; valid?: boolean } = {}) => ({
  responseId: at,
  at,
  total,
  band: null,
  valid: extra.valid ?? true,
  campaignKind: 'screening',
  critical: extra.critical ?? false,
});
const BOX = { x: 0, y: 0, width: 330, height: 126 };

describe('plotTrajectory', () => {
  const plot = plotTrajectory(
    [
      {
        instrument: 'phq9',
        points: [
          point('2025-09-10T02:00:00Z', 4),
          point('2026-03-10T02:00:00Z', null),
          point('2026-09-10T02:00:00Z', 15, { critical: true }),
        ],
      },
      { instrument: 'gad7', points: [point('2026-09-10T02:00:00Z', 9, { valid: false })] },
      { instrument: 'sdq', points: [point('2026-03-10T02:00:00Z', null)] },
    ],
    BOX,
  );

  it('puts the totals on a whole-number axis inside the plot, leaving out unscored responses and empty lines', () => {
    expect(plot.yMax).toBe(20);
    expect(plot.yTicks.map((t) => t.value)).toEqual([0, 5, 10, 15, 20]);
    expect(plot.lines.map((l) => [l.instrument, l.points.length])).toEqual([
      ['phq9', 2],
      ['gad7', 1],
    ]);
    const { x, y, width, height } = plot.plot;
    for (const p of plot.lines.flatMap((l) => l.points)) {
      expect(p.x).toBeGreaterThan(x);
      expect(p.x).toBeLessThan(x + width);
      expect(p.y).toBeGreaterThanOrEqual(y);
      expect(p.y).toBeLessThanOrEqual(y + height);
    }
  });

  it('runs left to right in time and up with the total, and keeps the marks', () => {
    const [earlier, later] = plot.lines[0]!.points;
    expect(later!.x).toBeGreaterThan(earlier!.x);
    expect(later!.y).toBeLessThan(earlier!.y);
    expect(later!.critical).toBe(true);
    expect(plot.lines[1]!.points[0]!.x).toBeCloseTo(later!.x);
    expect(plot.lines[1]!.points[0]!.valid).toBe(false);
    // 15 of 20 sits on the gridline a quarter below the top.
    expect(later!.y).toBeCloseTo(plot.plot.y + plot.plot.height / 4);
  });

  it('labels the first, middle and last dates in China time', () => {
    expect(plot.xLabels.map((l) => l.text)).toEqual(['2025-09-10', '2026-03-11', '2026-09-10']);
  });

  it('centres a single date', () => {
    const one = plotTrajectory([{ instrument: 'phq9', points: [point('2026-09-10T02:00:00Z', 3)] }], BOX);
    expect(one.lines[0]!.points[0]!.x).toBeCloseTo(one.plot.x + one.plot.width / 2);
    expect(one.xLabels).toHaveLength(1);
  });
});
