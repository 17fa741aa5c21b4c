import { useMemo } from 'react';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import type { CompletionCounts, CompletionRow } from '../api/campaigns';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** The parts of `invited` that add up to it; "not started" leaves out those still waiting for a guardian. */
export const COMPLETION_PARTS = [
  'completed',
  'inProgress',
  'notStarted',
  'consentPending',
  'declined',
  'consentRefused',
] as const;
export type CompletionPart = (typeof COMPLETION_PARTS)[number];

export const PART_COLORS: Record<CompletionPart, string> = {
  completed: '#0f766e',
  inProgress: '#38bdf8',
  notStarted: '#cbd5e1',
  consentPending: '#f59e0b',
  declined: '#94a3b8',
  consentRefused: '#c084fc',
};

export function partValue(c: CompletionCounts, part: CompletionPart): number {
  if (part === 'notStarted') return Math.max(0, c.notStarted - c.consentPending);
  return c[part];
}

export function unitLabel(r: { name: string; nameEn: string | null }, en: boolean): string {
  return en && r.nameEn ? r.nameEn : r.name;
}

/** A stacked bar per unit; clicking a bar opens that unit. The table next to it carries the same numbers. */
export default function CompletionChart({
  rows,
  onOpen,
}: {
  rows: CompletionRow[];
  onOpen?: (row: CompletionRow) => void;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const option = useMemo(() => {
    const names = rows.map((r) => unitLabel(r, en));
    return {
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, type: 'scroll', textStyle: { color: '#374151' } },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#4b5563' } },
      yAxis: {
        type: 'category',
        data: names,
        inverse: true,
        axisLabel: { color: '#1f2937', width: 140, overflow: 'truncate' },
      },
      series: COMPLETION_PARTS.map((p) => ({
        name: t(`completion.parts.${p}`),
        type: 'bar',
        stack: 'all',
        barMaxWidth: 28,
        itemStyle: { color: PART_COLORS[p] },
        emphasis: { focus: 'series' },
        data: rows.map((r) => partValue(r, p)),
      })),
    };
  }, [rows, en, t]);

  const total = rows.reduce((n, r) => n + r.invited, 0);
  const done = rows.reduce((n, r) => n + r.completed, 0);
  const height = Math.max(180, rows.length * 40 + 70);

  return (
    <div
      data-testid="completion-chart"
      role="img"
      aria-label={t('completion.chartLabel', { units: rows.length, done, total })}
    >
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        notMerge
        style={{ height, width: '100%' }}
        onEvents={
          onOpen ? { click: (e: { dataIndex: number }) => rows[e.dataIndex] && onOpen(rows[e.dataIndex]!) } : undefined
        }
      />
    </div>
  );
}
