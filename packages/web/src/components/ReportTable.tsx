import type { ReactNode } from 'react';
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PublishedTable } from '../api/reports';

const HIDDEN = '—';

/**
 * A published cross-tabulation with its totals. Hidden counts show as "—" with an explanation for screen
 * readers and on hover; row names may be links (drill-down).
 */
export default function ReportTable({
  table,
  rowLabel,
  columnLabels,
  firstColumn,
  showTotals = true,
  extraColumns = [],
  testId,
  ariaLabel,
}: {
  table: PublishedTable;
  rowLabel: (key: string) => ReactNode;
  columnLabels: string[];
  firstColumn: string;
  showTotals?: boolean;
  extraColumns?: { title: string; value: (rowIndex: number) => ReactNode }[];
  testId?: string;
  ariaLabel?: string;
}) {
  const { t } = useTranslation();
  const show = (n: number | null) =>
    n == null ? (
      <span title={t('reports.hidden')} aria-label={t('reports.hidden')}>
        {HIDDEN}
      </span>
    ) : (
      n
    );
  type Row = { key: string; index: number; total: boolean };
  const rows: Row[] = table.rows.map((key, index) => ({ key, index, total: false }));
  if (showTotals) rows.push({ key: '__total__', index: -1, total: true });
  // The wrapper scrolls wide tables and takes focus, so keyboard users can scroll it too.
  return (
    <div style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={ariaLabel ?? firstColumn}>
      <Table<Row>
        size="small"
        pagination={false}
        rowKey="key"
        data-testid={testId}
        dataSource={rows}
        columns={[
          {
            title: firstColumn,
            key: 'row',
            render: (_, r) => (r.total ? <strong>{t('reports.total')}</strong> : rowLabel(r.key)),
          },
          ...columnLabels.map((title, c) => ({
            title,
            key: `c${c}`,
            align: 'right' as const,
            render: (_: unknown, r: Row) => show(r.total ? table.columnTotals[c]! : table.cells[r.index]![c]!),
          })),
          ...(showTotals
            ? [
                {
                  title: t('reports.total'),
                  key: 'total',
                  align: 'right' as const,
                  render: (_: unknown, r: Row) => show(r.total ? table.total : table.rowTotals[r.index]!),
                },
              ]
            : []),
          ...extraColumns.map((e, i) => ({
            title: e.title,
            key: `x${i}`,
            align: 'right' as const,
            render: (_: unknown, r: Row) => (r.total ? '' : e.value(r.index)),
          })),
        ]}
      />
    </div>
  );
}
