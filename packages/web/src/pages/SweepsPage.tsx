import '../i18n/cases';
import type { SweepSeason } from '@yuxin/core';
import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Select, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { casesApi, SEASONS } from '../api/cases';
import PageHeading from '../components/PageHeading';
import { LoadError } from '../components/Results';
import StatusTag from '../components/StatusTag';
import { useAsync } from '../hooks/useAsync';
import { useQueryParams } from '../hooks/useQueryParams';
import { useReportError } from '../hooks/useReportError';
import { currentLocale } from '../i18n';
import { formatDate } from '../lib/format';
import { useCan } from '../session/useCan';
import { useSession } from '../session/useSession';

function SweepList({ id }: { id: string }) {
  const { t } = useTranslation();
  const reportError = useReportError();
  const can = useCan();
  const { data, error, loading, reload } = useAsync((signal) => casesApi.sweep(id, signal), [id]);
  if (error) return <LoadError error={error} onRetry={reload} />;
  const check = async (itemId: string) => {
    try {
      await casesApi.checkSweepItem(itemId);
      reload();
    } catch (e) {
      reportError(e);
    }
  };
  return (
    <Table
      rowKey="id"
      loading={loading}
      dataSource={data?.list ?? []}
      pagination={{ pageSize: 50, showSizeChanger: false }}
      locale={{ emptyText: t('cases.sweepEmpty') }}
      columns={[
        { title: t('cases.student'), key: 'student', render: (_, i) => i.student.name },
        { title: t('cases.class'), key: 'class', render: (_, i) => `${i.student.gradeName}${i.student.className}` },
        {
          title: t('cases.sweepReasons'),
          key: 'reasons',
          render: (_, i) => i.reasons.map((r) => t(`cases.sweepReason.${r}`, { defaultValue: r })).join('、'),
        },
        {
          title: t('cases.checked'),
          key: 'checked',
          render: (_, i) =>
            i.checkedAt ? (
              <StatusTag tone="good">{t('cases.checked')}</StatusTag>
            ) : can('sweep.check') ? (
              <Button
                size="small"
                onClick={() => void check(i.id)}
                aria-label={t('cases.checkFor', { name: i.student.name })}
              >
                {t('cases.check')}
              </Button>
            ) : (
              <StatusTag tone="warn">{t('cases.unchecked')}</StatusTag>
            ),
        },
      ]}
    />
  );
}

/** 季节性排查: a school lists every student to be checked; head teachers check their own class. */
export default function SweepsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { session } = useSession();
  const { message } = App.useApp();
  const reportError = useReportError();
  const locale = currentLocale();
  const { get, update } = useQueryParams();
  const [season, setSeason] = useState<SweepSeason>('before_exams');
  const { data, error, loading, reload } = useAsync((signal) => casesApi.sweeps(signal), []);
  const selected = get('sweep') ?? data?.items[0]?.id;
  // A sweep is started for the school the user's school-level binding names.
  const schoolId = session?.user.bindings.find(
    (b) => b.scope.level === 'school' && (b.role === 'psych_teacher' || b.role === 'school_leader'),
  )?.scope.id;
  const canStart = can('sweep.manage') && !!schoolId;
  const start = async () => {
    if (!schoolId) return;
    try {
      const s = await casesApi.startSweep(schoolId, season);
      void message.success(t('cases.sweepStarted', { n: s.items }));
      update({ sweep: s.id });
      reload();
    } catch (e) {
      reportError(e);
    }
  };
  return (
    <>
      <PageHeading title={t('nav.sweeps')} />
      <Typography.Paragraph style={{ maxWidth: 760, color: 'rgba(0,0,0,0.72)' }}>
        {t('cases.sweepsIntro')}
      </Typography.Paragraph>
      {canStart && (
        <Card style={{ marginBottom: 16 }}>
          <Flex gap={8} align="center" wrap>
            <Select
              aria-label={t('cases.season')}
              value={season}
              onChange={setSeason}
              options={SEASONS.map((s) => ({ value: s, label: t(`cases.seasons.${s}`) }))}
              style={{ minWidth: 200 }}
            />
            <Button type="primary" onClick={() => void start()}>
              {t('cases.startSweep')}
            </Button>
          </Flex>
        </Card>
      )}
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <Card loading={loading}>
          {data && data.items.length === 0 ? (
            // An empty picker says nothing; say who makes the list and what will then be here.
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={canStart ? t('cases.noSweepsManage') : t('cases.noSweepsYet')}
              data-testid="sweeps-none"
            />
          ) : (
            <>
              <Select
                aria-label={t('cases.sweep')}
                value={selected}
                onChange={(v: string) => update({ sweep: v })}
                options={(data?.items ?? []).map((s) => ({
                  value: s.id,
                  label: `${t(`cases.seasons.${s.season}`, { defaultValue: s.season })} · ${formatDate(s.createdAt, locale)} · ${s.checked}/${s.items}`,
                }))}
                style={{ minWidth: 320, marginBottom: 16 }}
                notFoundContent={t('cases.noSweeps')}
                data-testid="sweep-picker"
              />
              {selected && <SweepList id={selected} />}
            </>
          )}
        </Card>
      )}
    </>
  );
}
