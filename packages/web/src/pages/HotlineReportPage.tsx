import { useState } from 'react';
import { Card, Col, DatePicker, Flex, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import '../i18n/hotline';
import { hotlineApi, type HotlineReport } from '../api/hotline';
import PageHeading from '../components/PageHeading';
import { LoadError } from '../components/Results';
import { useAsync } from '../hooks/useAsync';
import { currentLocale } from '../i18n';
import { chinaToday, pickedDay } from '../lib/chinaTime';
import { formatNumber, formatShortDateTime } from '../lib/format';

type Counts = HotlineReport['byHour'];

function CountTable({ title, rows, label }: { title: string; rows: Counts; label: (key: string) => string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <Card size="small" title={<h2 style={{ fontSize: 15, margin: 0 }}>{title}</h2>}>
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rows}
        columns={[
          { title: title, dataIndex: 'key', render: (k: string) => label(k) },
          {
            title: t('hotline:report.count'),
            dataIndex: 'count',
            align: 'right',
            render: (n: number | null) => (n === null ? t('hotline:report.suppressed') : formatNumber(n, locale)),
          },
        ]}
      />
    </Card>
  );
}

/** Whether the line was answered around the clock: covered hours, and the uncovered stretches listed. */
function CoverageCard({ coverage }: { coverage: HotlineReport['coverage'] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const hours = (ms: number) => Math.round((ms / 3_600_000) * 100) / 100;
  return (
    <Card
      size="small"
      data-testid="hotline-coverage"
      title={<h2 style={{ fontSize: 15, margin: 0 }}>{t('hotline:report.coverage')}</h2>}
    >
      <Typography.Paragraph style={{ color: 'rgba(0,0,0,0.68)' }}>
        {t('hotline:report.coverageHelp')}
      </Typography.Paragraph>
      <Row gutter={[16, 16]} style={{ marginBottom: 12 }}>
        <Col xs={24} md={8}>
          <Statistic title={t('hotline:report.coverageShare')} value={`${(coverage.share * 100).toFixed(1)}%`} />
        </Col>
        <Col xs={24} md={16}>
          <Statistic
            title={t('hotline:report.gapCount', { n: coverage.gapCount })}
            value={t('hotline:report.coveredHours', {
              covered: formatNumber(coverage.coveredHours, locale),
              hours: formatNumber(coverage.hours, locale),
            })}
          />
        </Col>
      </Row>
      {coverage.gapCount === 0 ? (
        <Typography.Text>{t('hotline:report.noGaps')}</Typography.Text>
      ) : (
        <>
          {coverage.gapCount > coverage.gaps.length && (
            <Typography.Text>{t('hotline:report.gapsListed', { n: coverage.gaps.length })}</Typography.Text>
          )}
          <Table
            size="small"
            rowKey="startsAt"
            pagination={coverage.gaps.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            dataSource={coverage.gaps}
            columns={[
              {
                title: t('hotline:report.gapFrom'),
                dataIndex: 'startsAt',
                render: (v: string) => formatShortDateTime(v, locale),
              },
              {
                title: t('hotline:report.gapTo'),
                dataIndex: 'endsAt',
                render: (v: string) => formatShortDateTime(v, locale),
              },
              {
                title: t('hotline:report.gapHours'),
                key: 'hours',
                align: 'right',
                render: (_: unknown, g: { startsAt: string; endsAt: string }) =>
                  formatNumber(hours(Date.parse(g.endsAt) - Date.parse(g.startsAt)), locale),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}

/** The centre's counts for a period; numbers that could point at a caller arrive already hidden. */
export default function HotlineReportPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [range, setRange] = useState<[string, string]>([chinaToday(-30), chinaToday()]);
  const { data, error, loading, reload } = useAsync(
    (signal) => hotlineApi.report(range[0], range[1], signal),
    [range[0], range[1]],
  );
  const pct = (x: number | null) => (x === null ? t('hotline:report.suppressed') : `${(x * 100).toFixed(1)}%`);

  return (
    <>
      <PageHeading title={t('hotline:report.title')} />
      <Typography.Paragraph style={{ maxWidth: 760, color: 'rgba(0,0,0,0.72)' }}>
        {t('hotline:report.intro')}
      </Typography.Paragraph>
      <Flex gap={8} align="center" style={{ marginBottom: 16 }}>
        <span>{t('hotline:report.period')}</span>
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(range[0]), dayjs(range[1])]}
          onChange={(v) => v?.[0] && v[1] && setRange([pickedDay(v[0]), pickedDay(v[1])])}
        />
      </Flex>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Skeleton active />
      ) : data ? (
        <Flex vertical gap={16} data-testid="hotline-report">
          <Row gutter={[16, 16]}>
            <Col xs={24} md={8}>
              <Card size="small">
                <Statistic
                  title={t('hotline:report.total')}
                  value={data.total === null ? t('hotline:report.suppressed') : formatNumber(data.total, locale)}
                />
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card size="small">
                <Statistic title={t('hotline:report.alertShare')} value={pct(data.schoolAlertShare)} />
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card size="small">
                <Statistic
                  title={t('hotline:report.helpSeeking')}
                  value={
                    data.studentCallsPerThousand === null
                      ? t('hotline:report.suppressed')
                      : data.studentCallsPerThousand.toFixed(2)
                  }
                />
              </Card>
            </Col>
          </Row>
          <CoverageCard coverage={data.coverage} />
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <CountTable title={t('hotline:report.byRisk')} rows={data.byRisk} label={(k) => t(`hotline:risk.${k}`)} />
            </Col>
            <Col xs={24} lg={12}>
              <CountTable
                title={t('hotline:report.byCallerType')}
                rows={data.byCallerType}
                label={(k) => t(`hotline:callerType.${k}`)}
              />
            </Col>
            <Col xs={24} lg={12}>
              <CountTable
                title={t('hotline:report.byTopic')}
                rows={data.byTopic}
                label={(k) => t(`hotline:topic.${k}`)}
              />
            </Col>
            <Col xs={24} lg={12}>
              <CountTable
                title={t('hotline:report.byHour')}
                rows={data.byHour}
                label={(k) => t('hotline:report.hour', { h: k })}
              />
            </Col>
          </Row>
        </Flex>
      ) : null}
    </>
  );
}
