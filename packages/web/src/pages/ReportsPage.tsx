import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Flex, Form, Row, Select, Skeleton, Table, Tabs, Typography } from 'antd';
import { ArrowUpOutlined, FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { criticalFlagLabel, instrumentShortName } from '@yuxin/core';
import { campaignsApi } from '../api/campaigns';
import { reportsApi, type Breakdown, type ScreeningReport } from '../api/reports';
import PageHeading from '../components/PageHeading';
import ReportBarChart from '../components/ReportBarChart';
import ReportTable from '../components/ReportTable';
import { COMPARISON_COLORS, PARTICIPATION_COLORS, TIER_COLORS } from '../lib/chartColors';
import { LoadError } from '../components/Results';
import { TierTag } from '../components/ScreeningTags';
import { useAsync } from '../hooks/useAsync';
import { useQueryParams } from '../hooks/useQueryParams';
import { useReportError } from '../hooks/useReportError';
import { currentLocale } from '../i18n';
import { saveBlob } from '../lib/download';

const BREAKDOWNS: Breakdown[] = ['unit', 'grade', 'gender', 'stage', 'care_tag'];
const pct = (x: number | null) => (x == null ? '—' : `${(x * 100).toFixed(1)}%`);

/**
 * 普测报告: a campaign's participation, tiers, bands, comparison, trend, critical flags and alert handling
 * for a city, district or school. Every number arrives already suppressed; names only come for a school,
 * to roles that may see them. Clicking a district or school (row or bar) opens its report.
 */
export default function ReportsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const en = currentLocale() === 'en';
  const { get, update } = useQueryParams();
  const campaignId = get('campaignId');
  const unitId = get('unitId');
  const campaigns = useAsync((signal) => campaignsApi.list({ page: 1, pageSize: 100 }, signal), []);
  const published = (campaigns.data?.items ?? []).filter((c) => c.status === 'open' || c.status === 'closed');
  useEffect(() => {
    if (!campaignId && published[0]) update({ campaignId: published[0].id }, true);
  }, [campaignId, published, update]);
  const report = useAsync(
    (signal) => reportsApi.campaign(campaignId!, unitId, signal),
    [campaignId, unitId],
    !!campaignId,
  );
  const [busy, setBusy] = useState<'pdf' | 'xlsx' | null>(null);

  const exportAs = async (format: 'pdf' | 'xlsx') => {
    if (!campaignId || !report.data) return;
    setBusy(format);
    try {
      const file = await reportsApi.export(campaignId, report.data.unit.key, format);
      saveBlob(file.blob, file.filename);
      void message.success(t('reports.downloaded', { filename: file.filename }));
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(null);
    }
  };

  const r = report.data;
  const name = (u: { name: string; nameEn: string | null }) => (en && u.nameEn ? u.nameEn : u.name);
  return (
    <>
      <PageHeading
        title={r ? t('reports.titleOf', { unit: name(r.unit) }) : t('reports.title')}
        testId="reports-title"
        extra={
          r && (
            <Flex gap={8}>
              <Button
                icon={<FilePdfOutlined aria-hidden />}
                loading={busy === 'pdf'}
                onClick={() => void exportAs('pdf')}
                data-testid="report-pdf"
              >
                {t('reports.exportPdf')}
              </Button>
              <Button
                icon={<FileExcelOutlined aria-hidden />}
                loading={busy === 'xlsx'}
                onClick={() => void exportAs('xlsx')}
                data-testid="report-xlsx"
              >
                {t('reports.exportXlsx')}
              </Button>
            </Flex>
          )
        }
      />
      <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 0 } }}>
        <Form
          layout="vertical"
          component="div"
          style={{ display: 'flex', flexWrap: 'wrap', columnGap: 16, alignItems: 'end' }}
        >
          <Form.Item label={<span id="report-campaign-label">{t('reports.campaign')}</span>} style={{ minWidth: 320 }}>
            <Select
              aria-labelledby="report-campaign-label"
              data-testid="report-campaign"
              loading={campaigns.loading}
              value={campaignId}
              onChange={(v: string) => update({ campaignId: v, unitId: undefined })}
              options={published.map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
          {r?.parent && r.parentReadable && (
            <Form.Item>
              <Button
                icon={<ArrowUpOutlined aria-hidden />}
                onClick={() => update({ unitId: r.parent!.key })}
                data-testid="report-up"
              >
                {t('reports.up', { unit: name(r.parent) })}
              </Button>
            </Form.Item>
          )}
        </Form>
      </Card>
      <Alert type="info" showIcon title={t('reports.suppressionNote')} style={{ marginBottom: 16 }} />
      {campaigns.error ? <LoadError error={campaigns.error} onRetry={campaigns.reload} /> : null}
      {!campaigns.loading && published.length === 0 && <Empty description={t('reports.noCampaigns')} />}
      {report.error ? <LoadError error={report.error} onRetry={report.reload} /> : null}
      {report.loading && !r && <Skeleton active />}
      {r && <ReportBody r={r} open={(key) => update({ unitId: key })} />}
    </>
  );
}

function ReportBody({ r, open }: { r: ScreeningReport; open: (unitId: string) => void }) {
  const { t } = useTranslation();
  const en = currentLocale() === 'en';
  const name = (u: { name: string; nameEn: string | null }) => (en && u.nameEn ? u.nameEn : u.name);
  const drillable = new Set(r.children.filter((c) => c.drillable).map((c) => c.key));
  const unitRow = (key: string) =>
    drillable.has(key) ? (
      <Button type="link" style={{ padding: 0 }} onClick={() => open(key)} data-testid={`drill-${key}`}>
        {r.labels.unit[key] ?? key}
      </Button>
    ) : (
      (r.labels.unit[key] ?? key)
    );
  const dimTitle = (d: Breakdown) => (d === 'unit' ? t(`reports.dim.unit.${r.level}`) : t(`reports.dim.${d}`));
  const rowOf = (d: Breakdown) => (d === 'unit' ? unitRow : (key: string) => r.labels[d][key] ?? key);
  const tierNames = [1, 2, 3].map((n) => t('reports.tier', { n }));
  const openIndex = (rows: string[]) => (i: number) => rows[i] && drillable.has(rows[i]) && open(rows[i]);
  const categories = (rows: string[]) => rows.map((k) => r.labels.unit[k] ?? k);
  const p = r.participation;
  // A school's units are its grades: a separate grade breakdown would repeat them.
  const breakdowns = BREAKDOWNS.filter((d) => !(r.level === 'school' && d === 'grade'));

  return (
    <>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('reports.participation')}</h2>}
            style={{ marginBottom: 16 }}
          >
            <ReportBarChart
              testId="chart-participation"
              label={t('reports.participationChart', { units: p.rows.length })}
              colors={PARTICIPATION_COLORS}
              categories={categories(p.rows)}
              stacked
              series={[0, 1, 2].map((c) => ({
                name: t(`reports.part.${p.columns[c]}`),
                values: p.cells.map((row) => row[c]!),
              }))}
              onOpen={openIndex(p.rows)}
            />
            <ReportTable
              testId="table-participation"
              table={p}
              rowLabel={unitRow}
              firstColumn={dimTitle('unit')}
              columnLabels={p.columns.map((c) => t(`reports.part.${c}`))}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('reports.tiers')}</h2>} style={{ marginBottom: 16 }}>
            <ReportBarChart
              testId="chart-tiers"
              label={t('reports.tiersChart', { units: r.tiers.unit.rows.length })}
              colors={TIER_COLORS}
              categories={categories(r.tiers.unit.rows)}
              series={tierNames.map((n, c) => ({ name: n, values: r.tiers.unit.cells.map((row) => row[c]!) }))}
              onOpen={openIndex(r.tiers.unit.rows)}
            />
            <Tabs
              items={breakdowns
                .filter((d) => r.tiers[d].rows.length > 0)
                .map((d) => ({
                  key: d,
                  label: dimTitle(d),
                  children: (
                    <ReportTable
                      testId={`table-tiers-${d}`}
                      table={r.tiers[d]}
                      rowLabel={rowOf(d)}
                      firstColumn={dimTitle(d)}
                      columnLabels={tierNames}
                      showTotals={d !== 'care_tag'}
                    />
                  ),
                }))}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('reports.comparison')}</h2>}
            style={{ marginBottom: 16 }}
          >
            <ReportBarChart
              testId="chart-comparison"
              percent
              label={t('reports.comparisonChart')}
              colors={COMPARISON_COLORS}
              categories={tierNames}
              series={[
                { name: name(r.unit), values: r.comparison.unit.tiers },
                ...(r.parent && r.comparison.parent
                  ? [{ name: name(r.parent), values: r.comparison.parent.tiers }]
                  : []),
              ]}
            />
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={[
                { key: 'unit', name: name(r.unit), ...r.comparison.unit },
                ...(r.parent && r.comparison.parent
                  ? [{ key: 'parent', name: name(r.parent), ...r.comparison.parent }]
                  : []),
              ]}
              columns={[
                { title: t('reports.unit'), dataIndex: 'name', key: 'name' },
                {
                  title: t('reports.completionRate'),
                  key: 'rate',
                  align: 'right',
                  render: (_, s) => pct(s.completionRate),
                },
                ...tierNames.map((title, i) => ({
                  title,
                  key: `t${i}`,
                  align: 'right' as const,
                  render: (_: unknown, s: { tiers: (number | null)[] }) => pct(s.tiers[i]!),
                })),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('reports.trend')}</h2>} style={{ marginBottom: 16 }}>
            {r.trend.length === 0 ? (
              <Empty description={t('reports.noTrend')} />
            ) : (
              <Table
                size="small"
                pagination={false}
                rowKey="campaignId"
                dataSource={[...r.trend].reverse()}
                columns={[
                  { title: t('reports.campaign'), dataIndex: 'name', key: 'name' },
                  {
                    title: t('reports.part.invited'),
                    key: 'inv',
                    align: 'right',
                    render: (_, x) => x.participation.total ?? '—',
                  },
                  ...tierNames.map((title, i) => ({
                    title,
                    key: `t${i}`,
                    align: 'right' as const,
                    render: (_: unknown, x: ScreeningReport['trend'][number]) => x.tiers.cells[0]![i] ?? '—',
                  })),
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('reports.bands')}</h2>} style={{ marginBottom: 16 }}>
        {r.bands.length === 0 ? (
          <Empty description={t('reports.noBands')} />
        ) : (
          <Tabs
            items={r.bands.map((b) => ({
              key: b.instrument,
              label: instrumentShortName(b.instrument),
              children: (
                <Tabs
                  size="small"
                  items={(
                    [
                      ['unit', b.byUnit],
                      ['grade', b.byGrade],
                      ['gender', b.byGender],
                      ['stage', b.byStage],
                      ['care_tag', b.byCareTag],
                    ] as const
                  )
                    .filter(([d, table]) => table.rows.length > 0 && breakdowns.includes(d))
                    .map(([d, table]) => ({
                      key: d,
                      label: dimTitle(d),
                      children: (
                        <ReportTable
                          table={table}
                          rowLabel={rowOf(d)}
                          firstColumn={dimTitle(d)}
                          columnLabels={b.columnLabels}
                          showTotals={d !== 'care_tag'}
                        />
                      ),
                    }))}
                />
              ),
            }))}
          />
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('reports.critical')}</h2>}
            style={{ marginBottom: 16 }}
          >
            {r.critical.columns.length === 0 ? (
              <Empty description={t('reports.noCritical')} />
            ) : (
              <ReportTable
                testId="table-critical"
                table={r.critical}
                rowLabel={unitRow}
                firstColumn={dimTitle('unit')}
                columnLabels={r.critical.columns.map((flag) => criticalFlagLabel(flag, currentLocale()))}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('reports.alerts')}</h2>} style={{ marginBottom: 16 }}>
            <ReportTable
              testId="table-alerts"
              table={r.alerts}
              rowLabel={unitRow}
              firstColumn={dimTitle('unit')}
              columnLabels={r.alerts.columns.map((c) => t(`reports.alert.${c}`))}
              extraColumns={[
                { title: t('reports.alert.case_opened'), value: (i) => r.casesOpened.cells[i]![0] ?? '—' },
                { title: t('reports.alert.ack_minutes'), value: (i) => r.meanAckMinutes[i] ?? '—' },
              ]}
            />
          </Card>
        </Col>
      </Row>
      {r.students && (
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('reports.students')}</h2>} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">{t('reports.studentsNote')}</Typography.Paragraph>
          <Table
            size="small"
            rowKey="id"
            data-testid="table-students"
            dataSource={r.students}
            columns={[
              { title: t('reports.name'), dataIndex: 'name', key: 'name' },
              { title: t('reports.studentNo'), dataIndex: 'studentNo', key: 'no' },
              { title: t('reports.class'), dataIndex: 'className', key: 'class' },
              { title: t('reports.tierColumn'), key: 'tier', render: (_, s) => <TierTag tier={s.tier} /> },
            ]}
          />
        </Card>
      )}
    </>
  );
}
