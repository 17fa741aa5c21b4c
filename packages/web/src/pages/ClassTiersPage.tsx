import { useCallback } from 'react';
import { Alert, Card, Empty, Form, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { screeningApi, type ClassTiers } from '../api/screening';
import OrgPicker, { type OrgSelection } from '../components/OrgPicker';
import PageHeading from '../components/PageHeading';
import { LoadError } from '../components/Results';
import { TierTag } from '../components/ScreeningTags';
import { useAsync } from '../hooks/useAsync';
import { useQueryParams } from '../hooks/useQueryParams';
import { currentLocale } from '../i18n';
import { formatDate } from '../lib/format';
import { useSignedIn } from '../session/useSession';

type Row = ClassTiers['items'][number];

/**
 * A head teacher's class: students whose tier a psychology teacher confirmed at 2 or 3, and what to do next.
 * Never answers, scores or bands — the API does not send them.
 */
export default function ClassTiersPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { get, update } = useQueryParams();
  const { user } = useSignedIn();
  // A head teacher of one class (and nothing wider) has nothing to choose: their class is the page.
  const headClasses = user.bindings.filter((b) => b.role === 'head_teacher' && b.scope.level === 'class');
  const onlyClass =
    headClasses.length === 1 && !user.bindings.some((b) => b.role === 'school_leader' || b.role === 'psych_teacher')
      ? headClasses[0]!.scope.id
      : undefined;
  const org: OrgSelection = {
    schoolId: get('schoolId'),
    gradeId: get('gradeId'),
    classId: get('classId') ?? onlyClass,
  };
  const onOrgChange = useCallback(
    (next: OrgSelection) => update({ schoolId: next.schoolId, gradeId: next.gradeId, classId: next.classId }, true),
    [update],
  );
  const { data, error, loading, reload } = useAsync(
    (signal) => screeningApi.classTiers(org.classId!, signal),
    [org.classId],
    !!org.classId,
  );

  return (
    <>
      <PageHeading
        title={
          data && org.classId
            ? t('classTiers.titleOf', { name: `${data.gradeName}${data.className}` })
            : t('classTiers.title')
        }
      />
      <Alert type="info" showIcon title={t('classTiers.notice')} style={{ marginBottom: 16, maxWidth: 860 }} />
      {!onlyClass && (
        <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 0 } }}>
          <Form layout="vertical" component="div" style={{ display: 'flex', flexWrap: 'wrap', columnGap: 16 }}>
            <OrgPicker
              value={org}
              onChange={onOrgChange}
              depth="class"
              idPrefix="class-tiers"
              testIdPrefix="class-tiers"
              allowClear={false}
              autoSelectSingle
            />
          </Form>
        </Card>
      )}
      <Card>
        {!org.classId ? (
          <Empty description={t('classTiers.pickClass')} />
        ) : error ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <div data-testid="class-tiers-table">
            <Table<Row>
              aria-label={t('classTiers.tableLabel')}
              rowKey="studentId"
              loading={loading}
              dataSource={data?.items ?? []}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('classTiers.empty') }}
              onRow={(r) =>
                ({
                  'data-testid': 'class-tier-row',
                  'data-student-id': r.studentId,
                }) as React.HTMLAttributes<HTMLElement>
              }
              columns={[
                {
                  title: t('students.name'),
                  dataIndex: 'studentName',
                  key: 'name',
                  render: (v: string) => <strong>{v}</strong>,
                },
                {
                  title: t('students.studentNo'),
                  dataIndex: 'studentNo',
                  key: 'no',
                  responsive: ['sm'],
                  render: (v: string) => <span className="yx-mono">{v}</span>,
                },
                {
                  title: t('classTiers.tier'),
                  dataIndex: 'tier',
                  key: 'tier',
                  render: (v: number) => <TierTag tier={v} />,
                },
                {
                  title: t('classTiers.nextStep'),
                  dataIndex: 'nextStep',
                  key: 'next',
                  render: (v: string) => (
                    <span style={{ display: 'inline-block', minWidth: 200, maxWidth: 480, whiteSpace: 'normal' }}>
                      {v}
                    </span>
                  ),
                },
                {
                  title: t('classTiers.confirmedAt'),
                  dataIndex: 'confirmedAt',
                  key: 'at',
                  responsive: ['md'],
                  render: (v: string) => formatDate(v, locale),
                },
              ]}
            />
          </div>
        )}
      </Card>
    </>
  );
}
