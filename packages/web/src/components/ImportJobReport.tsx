import { Alert, Flex, Progress, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Job, JobRowError } from '../api/types';

/** An import job's phase and rows processed, announced politely to screen readers as it moves. */
export function ImportJobProgress({ job }: { job: Job<unknown> | null }) {
  const { t } = useTranslation();
  const processed = job?.processed ?? 0;
  const total = job?.total ?? 0;
  const done = job?.status === 'succeeded';
  const percent = done ? 100 : total > 0 ? Math.min(100, Math.floor((processed / total) * 100)) : 0;
  const status = done ? 'success' : job?.status === 'failed' ? 'exception' : 'active';
  const phase = job
    ? t(`roster.phases.${job.phase || job.status}`, { defaultValue: job.phase || job.status })
    : t('roster.phases.queued');
  return (
    <div data-testid="import-progress" role="status" aria-live="polite">
      <Progress percent={percent} status={status} aria-label={t('roster.progressLabel')} />
      <Flex gap={16} wrap style={{ color: 'rgba(0,0,0,0.72)' }}>
        <span>{t('roster.phaseLabel', { phase })}</span>
        {total > 0 && <span>{t('roster.processed', { processed, total })}</span>}
      </Flex>
    </div>
  );
}

/**
 * A failed import: nothing was applied, and every bad row and column is listed as the server wrote it,
 * in the reader's language. `summary` says what kind of file had how many errors.
 */
export function ImportJobErrors({ errors, summary }: { errors: JobRowError[]; summary: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Alert
        type="error"
        showIcon
        role="alert"
        title={t('roster.failedTitle')}
        description={errors.length ? summary : t('roster.failedNoRows')}
        style={{ marginBottom: 16 }}
      />
      {errors.length > 0 && (
        <div data-testid="import-errors">
          <Table<JobRowError>
            aria-label={t('roster.errorsLabel')}
            size="small"
            rowKey={(e, i) => `${e.row}-${e.field}-${i ?? 0}`}
            dataSource={errors}
            scroll={{ x: 'max-content' }}
            pagination={
              errors.length > 50 ? { pageSize: 50, showSizeChanger: true, pageSizeOptions: [50, 100, 500] } : false
            }
            columns={[
              {
                title: t('roster.row'),
                dataIndex: 'row',
                key: 'row',
                width: 80,
                sorter: (a, b) => a.row - b.row,
                defaultSortOrder: 'ascend',
              },
              { title: t('roster.field'), dataIndex: 'field', key: 'field', width: 160 },
              { title: t('roster.message'), dataIndex: 'message', key: 'message' },
            ]}
          />
        </div>
      )}
    </>
  );
}
