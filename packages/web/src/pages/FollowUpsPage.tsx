import '../i18n/cases';
import { useState } from 'react';
import { App, Button, Card, Flex, Input, Segmented, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { casesApi } from '../api/cases';
import { FollowUpTag } from '../components/cases/CaseTags';
import PageHeading from '../components/PageHeading';
import { LoadError } from '../components/Results';
import { useAsync } from '../hooks/useAsync';
import { useQueryParams } from '../hooks/useQueryParams';
import { useReportError } from '../hooks/useReportError';
import { currentLocale } from '../i18n';
import { formatShortDateTime } from '../lib/format';
import { useCan } from '../session/useCan';

type View = 'mine' | 'overdue' | 'done';

/** 随访: what is asked of me (head teachers too), and for the leader the school's overdue follow-ups. */
export default function FollowUpsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const reportError = useReportError();
  const locale = currentLocale();
  const { get, getInt, update } = useQueryParams();
  const view = (get('view') as View | undefined) ?? 'mine';
  const page = getInt('page', 1);
  const [outcome, setOutcome] = useState<Record<string, string>>({});
  const { data, error, loading, reload } = useAsync(
    (signal) =>
      casesApi.followUps(
        {
          view: view === 'overdue' ? 'school' : 'mine',
          status: view === 'overdue' ? 'overdue' : view === 'done' ? 'done' : 'open',
          page,
          pageSize: 20,
        },
        signal,
      ),
    [view, page],
  );
  const complete = async (id: string) => {
    try {
      await casesApi.completeFollowUp(id, outcome[id] ?? '');
      void message.success(t('cases.followUpDone'));
      reload();
    } catch (e) {
      reportError(e);
    }
  };
  const views: View[] = can('case.read') ? ['mine', 'overdue', 'done'] : ['mine', 'done'];

  return (
    <>
      <PageHeading title={t('nav.follow-ups')} />
      <Typography.Paragraph style={{ maxWidth: 760, color: 'rgba(0,0,0,0.72)' }}>
        {t('cases.followUpsIntro')}
      </Typography.Paragraph>
      <Card>
        <Segmented
          aria-label={t('cases.view')}
          value={view}
          options={views.map((v) => ({ value: v, label: t(`cases.followUpViews.${v}`) }))}
          onChange={(v) => update({ view: String(v), page: undefined })}
          style={{ marginBottom: 16 }}
        />
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Table
            rowKey="id"
            loading={loading}
            dataSource={data?.items ?? []}
            locale={{ emptyText: t('cases.noFollowUps') }}
            pagination={{
              current: page,
              pageSize: 20,
              total: data?.total ?? 0,
              showSizeChanger: false,
              onChange: (p) => update({ page: p === 1 ? undefined : p }),
            }}
            columns={[
              {
                title: t('cases.student'),
                key: 'student',
                render: (_, f) =>
                  can('case.read') ? (
                    <Link to={`/cases/${encodeURIComponent(f.caseId)}`}>{f.student.name}</Link>
                  ) : (
                    f.student.name
                  ),
              },
              {
                title: t('cases.class'),
                key: 'class',
                render: (_, f) => `${f.student.gradeName}${f.student.className}`,
              },
              { title: t('cases.dueAt'), key: 'dueAt', render: (_, f) => formatShortDateTime(f.dueAt, locale) },
              { title: t('cases.responsible'), key: 'responsible', render: (_, f) => f.responsible.name },
              { title: t('cases.stateLabel'), key: 'status', render: (_, f) => <FollowUpTag status={f.status} /> },
              {
                title: t('cases.outcomeLabel'),
                key: 'complete',
                render: (_, f) =>
                  f.doneAt ? (
                    formatShortDateTime(f.doneAt, locale)
                  ) : (
                    <Flex gap={8}>
                      <Input
                        size="small"
                        aria-label={t('cases.outcomeFor', { name: f.student.name })}
                        value={outcome[f.id] ?? ''}
                        onChange={(e) => setOutcome((o) => ({ ...o, [f.id]: e.target.value }))}
                      />
                      <Button size="small" disabled={!outcome[f.id]?.trim()} onClick={() => void complete(f.id)}>
                        {t('cases.complete')}
                      </Button>
                    </Flex>
                  ),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
