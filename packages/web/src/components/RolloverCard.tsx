import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Flex, Popconfirm, Progress, Select, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { orgApi } from '../api/org';
import type { OrgUnit, RolloverPreview, RolloverResult, SchoolRollover } from '../api/types';
import { useAsync } from '../hooks/useAsync';
import { useJobPoll } from '../hooks/useJobPoll';
import { useReportError } from '../hooks/useReportError';

const ROLLABLE = new Set(['city', 'district', 'school']);

/**
 * The year-end rollover (学年升级), once the new school year is current: a dry run of what moves where,
 * school by school, then the change as a job with its progress. Running it again changes nothing.
 */
export default function RolloverCard({ currentYear }: { currentYear: string | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const roots = useAsync((signal) => orgApi.roots(signal), []);
  const units = (roots.data ?? []).filter((u: OrgUnit) => ROLLABLE.has(u.kind));
  const [unitId, setUnitId] = useState<string | null>(null);
  const [preview, setPreview] = useState<RolloverPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const { job, error: jobError } = useJobPoll(jobId);
  const chosen = unitId ?? units[0]?.id ?? null;

  const runPreview = async (id: string) => {
    setBusy(true);
    try {
      setPreview(await orgApi.previewRollover(id));
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };

  const start = async () => {
    if (!chosen) return;
    setBusy(true);
    try {
      setJobId((await orgApi.startRollover(chosen)).jobId);
    } catch (e) {
      reportError(e);
      setBusy(false);
    }
  };

  useEffect(() => {
    if (!job || job.status === 'queued' || job.status === 'running') return;
    setBusy(false);
    if (job.status === 'succeeded') {
      const r = job.result as RolloverResult | null;
      void message.success(t('rollover.done', { promoted: r?.promoted ?? 0, graduated: r?.graduated ?? 0 }));
      if (chosen) void runPreview(chosen);
    }
    // Only the job's end matters here; the preview is refreshed once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job?.status]);
  useEffect(() => {
    if (jobError) {
      reportError(jobError);
      setBusy(false);
    }
  }, [jobError, reportError]);

  const waiting = preview ? preview.totals.promoted + preview.totals.graduated : 0;
  const running = job && (job.status === 'queued' || job.status === 'running');
  const failed = job?.status === 'failed' ? job.errors?.[0]?.message : null;

  return (
    <Card title={t('rollover.title')} style={{ marginTop: 16 }} data-testid="rollover-card">
      <Typography.Paragraph type="secondary">{t('rollover.intro', { year: currentYear ?? '—' })}</Typography.Paragraph>
      <Flex gap={8} wrap align="center">
        <Select<string>
          aria-label={t('rollover.scope')}
          style={{ minWidth: 240 }}
          value={chosen ?? undefined}
          loading={roots.loading}
          onChange={(v) => {
            setUnitId(v);
            setPreview(null);
          }}
          options={units.map((u) => ({ value: u.id, label: u.name }))}
          data-testid="rollover-scope"
        />
        <Button
          onClick={() => chosen && void runPreview(chosen)}
          disabled={!chosen || busy}
          data-testid="rollover-preview"
        >
          {t('rollover.preview')}
        </Button>
        <Popconfirm
          title={t('rollover.confirm', { year: preview?.schoolYear ?? '', n: waiting })}
          okText={t('common.ok')}
          cancelText={t('common.cancel')}
          onConfirm={() => void start()}
          disabled={!preview || waiting === 0 || busy}
        >
          <Button type="primary" disabled={!preview || waiting === 0 || busy} data-testid="rollover-start">
            {t('rollover.start')}
          </Button>
        </Popconfirm>
      </Flex>
      {running && (
        <Progress
          style={{ marginTop: 16 }}
          percent={job.total ? Math.round((job.processed / job.total) * 100) : 0}
          aria-label={t('rollover.progress')}
        />
      )}
      {failed && <Alert style={{ marginTop: 16 }} type="error" showIcon message={failed} />}
      {preview && (
        <>
          <Alert
            style={{ marginTop: 16 }}
            type={waiting === 0 ? 'success' : 'info'}
            showIcon
            data-testid="rollover-summary"
            message={
              waiting === 0
                ? t('rollover.nothing', { year: preview.schoolYear })
                : t('rollover.summary', {
                    year: preview.schoolYear,
                    promoted: preview.totals.promoted,
                    graduated: preview.totals.graduated,
                    created: preview.totals.classesToCreate + preview.totals.gradesToCreate,
                  })
            }
            description={
              preview.totals.unplaced > 0 ? t('rollover.unplaced', { n: preview.totals.unplaced }) : undefined
            }
          />
          <Table<SchoolRollover>
            style={{ marginTop: 16 }}
            rowKey="schoolId"
            size="small"
            dataSource={preview.schools}
            pagination={preview.schools.length > 20 ? { pageSize: 20 } : false}
            aria-label={t('rollover.title')}
            data-testid="rollover-table"
            columns={[
              { title: t('rollover.school'), dataIndex: 'name' },
              { title: t('rollover.promoted'), dataIndex: 'promoted', align: 'right' },
              { title: t('rollover.graduated'), dataIndex: 'graduated', align: 'right' },
              { title: t('rollover.classesToCreate'), dataIndex: 'classesToCreate', align: 'right' },
              { title: t('rollover.unplacedColumn'), dataIndex: 'unplaced', align: 'right' },
            ]}
          />
        </>
      )}
    </Card>
  );
}
