import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Segmented, Select, Skeleton, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import '../i18n/wellbeing';
import { wellbeingApi, type Callbacks, type InstrumentCode, type WellbeingCounts } from '../api/wellbeing';
import PageHeading from '../components/PageHeading';
import { LoadError } from '../components/Results';
import { useAsync } from '../hooks/useAsync';
import { useReportError } from '../hooks/useReportError';
import { currentLocale } from '../i18n';
import { formatNumber, formatShortDateTime } from '../lib/format';
import { useCan } from '../session/useCan';

const INSTRUMENTS: Array<{ value: InstrumentCode; label: string }> = [
  { value: 'phq9', label: 'PHQ-9' },
  { value: 'gad7', label: 'GAD-7' },
  { value: 'who5', label: 'WHO-5' },
];

/** Counts by unit and neutral level; small cells arrive already hidden (null). */
function CountsCard() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [instrument, setInstrument] = useState<InstrumentCode>('phq9');
  const { data, error, loading, reload } = useAsync((signal) => wellbeingApi.counts(instrument, signal), [instrument]);
  const show = (n: number | null) => (n === null ? t('wellbeing:centre.suppressed') : formatNumber(n, locale));
  type Row = WellbeingCounts['rows'][number];
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('wellbeing:centre.counts')}</h2>}
      extra={<Select value={instrument} onChange={setInstrument} options={INSTRUMENTS} style={{ width: 120 }} />}
    >
      <Typography.Paragraph type="secondary">{t('wellbeing:centre.countsNote')}</Typography.Paragraph>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Skeleton active />
      ) : data ? (
        <Table<Row>
          size="small"
          pagination={false}
          data-testid="wellbeing-counts"
          rowKey={(r) => r.unitId ?? 'above'}
          dataSource={data.rows}
          columns={[
            { title: t('wellbeing:centre.unit'), dataIndex: 'name' },
            ...data.levels.map((level, i) => ({
              title: t(`wellbeing:level.${level}`),
              key: level,
              align: 'right' as const,
              render: (_: unknown, r: Row) => show(r.counts[i] ?? null),
            })),
            {
              title: t('wellbeing:centre.total'),
              key: 'total',
              align: 'right' as const,
              render: (_: unknown, r: Row) => show(r.total),
            },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('wellbeing:centre.total')}</Table.Summary.Cell>
              {data.totals.map((n, i) => (
                <Table.Summary.Cell key={i} index={i + 1} align="right">
                  {show(n)}
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={data.totals.length + 1} align="right">
                {show(data.total)}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      ) : null}
    </Card>
  );
}

/** The centre's call-backs: a name, a phone number and a time; nothing of any result. */
function QueueCard() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { message } = App.useApp();
  const report = useReportError();
  const [status, setStatus] = useState<'open' | 'done'>('open');
  const { data, error, loading, reload } = useAsync((signal) => wellbeingApi.callbacks(status, signal), [status]);
  const [busy, setBusy] = useState<string | null>(null);
  const done = async (id: string) => {
    setBusy(id);
    try {
      await wellbeingApi.callbackDone(id);
      void message.success(t('wellbeing:centre.marked'));
      reload();
    } catch (err) {
      report(err);
    } finally {
      setBusy(null);
    }
  };
  type Item = Callbacks['items'][number];
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('wellbeing:centre.queue')}</h2>}
      extra={
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as 'open' | 'done')}
          options={[
            { value: 'open', label: t('wellbeing:centre.open') },
            { value: 'done', label: t('wellbeing:centre.doneTab') },
          ]}
        />
      }
    >
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Skeleton active />
      ) : data && data.items.length === 0 ? (
        <Empty description={t('wellbeing:centre.empty')} />
      ) : data ? (
        <Table<Item>
          size="small"
          rowKey="id"
          pagination={false}
          data-testid="wellbeing-callbacks"
          dataSource={data.items}
          columns={[
            { title: t('wellbeing:centre.name'), dataIndex: 'name' },
            {
              title: t('wellbeing:centre.phone'),
              dataIndex: 'phone',
              render: (p: string) => <a href={`tel:${p}`}>{p}</a>,
            },
            {
              title: t('wellbeing:centre.requestedAt'),
              dataIndex: 'requestedAt',
              render: (v: string) => formatShortDateTime(v, locale),
            },
            status === 'open'
              ? {
                  key: 'act',
                  render: (_: unknown, r: Item) => (
                    <Button size="small" loading={busy === r.id} onClick={() => void done(r.id)}>
                      {t('wellbeing:centre.markDone')}
                    </Button>
                  ),
                }
              : {
                  title: t('wellbeing:centre.doneAt'),
                  dataIndex: 'doneAt',
                  render: (v: string | null) => formatShortDateTime(v, locale),
                },
          ]}
        />
      ) : null}
    </Card>
  );
}

/** Staff wellbeing for a school leader or a guidance centre: suppressed counts, and the centre's call-backs. */
export default function StaffWellbeingPage() {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <>
      <PageHeading title={t('wellbeing:centre.title')} />
      <Typography.Paragraph style={{ maxWidth: 760, color: 'rgba(0,0,0,0.72)' }}>
        {t('wellbeing:centre.intro')}
      </Typography.Paragraph>
      <Flex vertical gap={16}>
        {can('wellbeing.callback') && <QueueCard />}
        {can('wellbeing.counts') && <CountsCard />}
      </Flex>
    </>
  );
}
