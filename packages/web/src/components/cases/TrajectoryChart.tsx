import '../../i18n/cases';
import { useMemo } from 'react';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import { instrumentShortName } from '@yuxin/core';
import type { casesApi } from '../../api/cases';
import { currentLocale } from '../../i18n';
import { formatShortDateTime } from '../../lib/format';
import { PRIMARY } from '../../theme';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type TrajectorySeries = Awaited<ReturnType<typeof casesApi.trajectory>>['series'][number];

// Distinct hues dark enough to read against white; the first is the theme colour.
const LINE_COLORS = [PRIMARY, '#1d4ed8', '#b45309', '#7e22ce', '#be123c', '#0e7490'];
const CRITICAL_COLOR = '#b91c1c';

/** Points that have a total: an unscored response has no place on the y axis (the table still lists it). */
export function chartPoints(s: TrajectorySeries) {
  return s.points.filter((p): p is typeof p & { total: number } => p.total !== null);
}

/**
 * One line per instrument, total over time. Critical-item positives are drawn as red diamonds and invalid
 * responses as hollow circles; the role="img" label summarises it and the table below carries every value.
 */
export default function TrajectoryChart({ series }: { series: TrajectorySeries[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const option = useMemo(
    () => ({
      animation: false,
      color: LINE_COLORS,
      tooltip: {
        trigger: 'item',
        formatter: (p: {
          seriesName: string;
          data: { value: [string, number]; critical: boolean; valid: boolean };
        }) => {
          const marks = [p.data.critical ? t('cases.critical') : '', p.data.valid ? '' : t('cases.invalid')]
            .filter(Boolean)
            .join(t('cases.chartMarkSeparator'));
          const point = t('cases.chartPoint', {
            date: formatShortDateTime(p.data.value[0], locale),
            total: p.data.value[1],
          });
          return `${p.seriesName}<br/>${point}${marks ? t('cases.chartMarks', { marks }) : ''}`;
        },
      },
      legend: { top: 0, textStyle: { color: '#374151' } },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      // Labels in China time like the table and the tooltip (ECharts would use the device's zone).
      xAxis: {
        type: 'time',
        splitNumber: 4,
        axisLabel: {
          color: '#4b5563',
          hideOverlap: true,
          formatter: (v: number) => formatShortDateTime(new Date(v).toISOString(), locale),
        },
      },
      yAxis: {
        type: 'value',
        minInterval: 1,
        name: t('cases.scoreTotal'),
        nameTextStyle: { color: '#4b5563' },
        axisLabel: { color: '#4b5563' },
      },
      series: series.map((s) => ({
        name: instrumentShortName(s.instrument),
        type: 'line',
        connectNulls: true,
        symbolSize: 9,
        data: chartPoints(s).map((p) => ({
          value: [p.at, p.total],
          critical: p.critical,
          valid: p.valid,
          ...(p.critical
            ? { symbol: 'diamond', symbolSize: 13, itemStyle: { color: CRITICAL_COLOR } }
            : p.valid
              ? {}
              : { symbol: 'emptyCircle' }),
        })),
      })),
    }),
    // `t` and `locale` change with the language, so labels and dates follow the language switch.
    [series, t, locale],
  );

  const summary = series
    .map((s) => {
      const pts = chartPoints(s);
      const first = pts[0];
      const last = pts[pts.length - 1];
      if (!first || !last) return t('cases.chartSeriesEmpty', { instrument: instrumentShortName(s.instrument) });
      return t('cases.chartSeries', {
        instrument: instrumentShortName(s.instrument),
        n: pts.length,
        first: first.total,
        last: last.total,
      });
    })
    .join(t('cases.chartSeparator'));

  return (
    <div data-testid="case-trajectory-chart" role="img" aria-label={t('cases.chartLabel', { summary })}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 260, width: '100%' }} />
    </div>
  );
}
