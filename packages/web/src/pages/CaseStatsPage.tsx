import '../i18n/cases';
import { Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { casesApi, CASE_STATES, type CaseStats } from '../api/cases';
import PageHeading from '../components/PageHeading';
import { LoadError } from '../components/Results';
import { useAsync } from '../hooks/useAsync';

/** District and city centres: active cases by school, state and tier, overdue follow-ups; numbers only. */
export default function CaseStatsPage() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useAsync((signal) => casesApi.stats(signal), []);
  const states = CASE_STATES.filter((s) => s !== 'closed');
  return (
    <>
      <PageHeading title={t('nav.case-stats')} />
      <Typography.Paragraph style={{ maxWidth: 760, color: 'rgba(0,0,0,0.72)' }}>
        {t('cases.statsIntro')}
      </Typography.Paragraph>
      <Card>
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Table<CaseStats['schools'][number]>
            rowKey="schoolId"
            loading={loading}
            dataSource={data?.schools ?? []}
            pagination={{ pageSize: 50, showSizeChanger: false }}
            locale={{ emptyText: t('cases.noCases') }}
            summary={() =>
              data ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>{t('cases.total')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={1}>{data.total.active}</Table.Summary.Cell>
                  {states.map((s, i) => (
                    <Table.Summary.Cell key={s} index={2 + i}>
                      {data.total.byState[s] ?? 0}
                    </Table.Summary.Cell>
                  ))}
                  <Table.Summary.Cell index={2 + states.length}>{data.total.byTier['3'] ?? 0}</Table.Summary.Cell>
                  <Table.Summary.Cell index={3 + states.length}>{data.total.overdueFollowUps}</Table.Summary.Cell>
                </Table.Summary.Row>
              ) : null
            }
            columns={[
              { title: t('cases.school'), key: 'school', dataIndex: 'schoolName' },
              { title: t('cases.active'), key: 'active', dataIndex: 'active' },
              ...states.map((s) => ({
                title: t(`cases.state.${s}`),
                key: s,
                render: (_: unknown, r: CaseStats['schools'][number]) => r.byState[s] ?? 0,
              })),
              {
                title: t('cases.tier3'),
                key: 'tier3',
                render: (_: unknown, r: CaseStats['schools'][number]) => r.byTier['3'] ?? 0,
              },
              { title: t('cases.overdueFollowUps'), key: 'overdue', dataIndex: 'overdueFollowUps' },
            ]}
          />
        )}
      </Card>
    </>
  );
}
