import { useMemo } from 'react';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface BarSeries {
  name: string;
  values: (number | null)[];
}

/**
 * Grouped (or stacked) bars per category. A suppressed count is null and draws no bar; the table beside the
 * chart shows "—" for it. Clicking a category opens it when `onOpen` is given (drill-down).
 */
export default function ReportBarChart({
  categories,
  series,
  label,
  percent,
  stacked,
  onOpen,
  testId,
  colors,
}: {
  categories: string[];
  series: BarSeries[];
  label: string;
  percent?: boolean;
  stacked?: boolean;
  onOpen?: (index: number) => void;
  testId?: string;
  /** One colour per series, from lib/chartColors: each meaning has its own. */
  colors: readonly string[];
}) {
  const option = useMemo(
    () => ({
      animation: false,
      color: [...colors],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, type: 'scroll', textStyle: { color: '#374151' } },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: categories,
        axisLabel: { color: '#1f2937', interval: 0, width: 90, overflow: 'truncate' },
      },
      yAxis: {
        type: 'value',
        minInterval: percent ? undefined : 1,
        max: percent ? 1 : undefined,
        axisLabel: { color: '#4b5563', formatter: percent ? (v: number) => `${Math.round(v * 100)}%` : undefined },
      },
      series: series.map((s) => ({
        name: s.name,
        type: 'bar',
        barMaxWidth: 28,
        stack: stacked ? 'all' : undefined,
        emphasis: { focus: 'series' },
        data: s.values,
      })),
    }),
    [categories, series, percent, stacked, colors],
  );
  return (
    <div role="img" aria-label={label} data-testid={testId}>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        notMerge
        style={{ height: 260, width: '100%' }}
        onEvents={onOpen ? { click: (e: { dataIndex: number }) => onOpen(e.dataIndex) } : undefined}
      />
    </div>
  );
}
