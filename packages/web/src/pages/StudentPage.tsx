import { Alert, Button, Card, Col, Descriptions, Empty, Row, Skeleton, Space, Table, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { studentsApi } from '../api/students';
import { isApiError } from '../api/problem';
import type { Enrollment, Guardian, StudentDetail } from '../api/types';
import CareTags from '../components/CareTags';
import PageHeading from '../components/PageHeading';
import StatusTag from '../components/StatusTag';
import { LoadError, NotFoundResult } from '../components/Results';
import { useAsync } from '../hooks/useAsync';
import { useTitle } from '../hooks/useTitle';
import { useCan } from '../session/useCan';
import { formatDate } from '../lib/format';
import type { Locale } from '../api/types';
import { useArchiveT } from '../i18n/archive';

function sectionTitle(text: string) {
  return <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;
}

function Identity({ s }: { s: StudentDetail }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
      items={[
        { key: 'name', label: t('students.name'), children: s.name },
        { key: 'studentNo', label: t('students.studentNo'), children: <span className="yx-mono">{s.studentNo}</span> },
        { key: 'gender', label: t('students.gender'), children: t(`gender.${s.gender}`, { defaultValue: s.gender }) },
        { key: 'birthDate', label: t('students.birthDate'), children: s.birthDate || t('common.notRecorded') },
        { key: 'district', label: t('student.district'), children: s.districtName || t('common.notRecorded') },
        { key: 'school', label: t('students.school'), children: s.schoolName },
        { key: 'grade', label: t('students.grade'), children: s.gradeName },
        { key: 'class', label: t('students.class'), children: s.className },
        {
          key: 'boarding',
          label: t('students.boarding'),
          children: s.boarding ? t('students.boardingYes') : t('students.boardingNo'),
        },
        {
          key: 'careTags',
          label: t('students.careTags'),
          children: s.careTags?.length ? <CareTags tags={s.careTags} /> : t('common.none'),
          span: 'filled',
        },
      ]}
    />
  );
}

function Guardians({ guardians }: { guardians: Guardian[] }) {
  const { t } = useTranslation();
  // Roster files may carry free-text relations (e.g. 外婆); only the known codes have a translation.
  const relation = (r: string) => t(`relation.${r}`, { defaultValue: r });
  return (
    <Table<Guardian>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={guardians}
      locale={{ emptyText: t('student.noGuardians') }}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('student.guardianName'), dataIndex: 'name', key: 'name' },
        { title: t('student.relation'), dataIndex: 'relation', key: 'relation', render: relation },
        {
          title: t('student.phone'),
          dataIndex: 'phone',
          key: 'phone',
          render: (p: string) => <span className="yx-mono">{p}</span>,
        },
      ]}
    />
  );
}

function Enrollments({ enrollments }: { enrollments: Enrollment[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  if (enrollments.length === 0) return <Empty description={t('student.noEnrollments')} />;
  const sorted = [...enrollments].sort((a, b) => b.from.localeCompare(a.from));
  return (
    <Timeline
      items={sorted.map((e, i) => ({
        key: `${e.schoolYear}-${e.from}-${i}`,
        color: e.to ? 'gray' : 'green',
        content: (
          <>
            <div style={{ fontWeight: 600 }}>{t('student.schoolYear', { year: e.schoolYear })}</div>
            <div>{[e.schoolName, e.gradeName, e.className].filter(Boolean).join(' · ')}</div>
            <div style={{ color: 'rgba(0,0,0,0.68)', fontSize: 13 }}>
              {t('student.period', {
                from: formatDate(e.from, locale),
                to: e.to ? formatDate(e.to, locale) : t('student.present'),
              })}
            </div>
          </>
        ),
      }))}
    />
  );
}

function Account({ s }: { s: StudentDetail }) {
  const { t } = useTranslation();
  if (!s.account) return <Empty description={t('student.noAccount')} />;
  const a = s.account;
  return (
    <Descriptions
      column={1}
      size="small"
      items={[
        { key: 'username', label: t('student.username'), children: <span className="yx-mono">{a.username}</span> },
        {
          key: 'activation',
          label: t('student.activation'),
          children: a.activated ? (
            <StatusTag tone="good">{t('student.activated')}</StatusTag>
          ) : (
            <StatusTag tone="neutral">{t('student.notActivated')}</StatusTag>
          ),
        },
        {
          key: 'lock',
          label: t('student.lockState'),
          children: a.locked ? (
            <StatusTag tone="bad">{t('student.locked')}</StatusTag>
          ) : (
            <StatusTag tone="good">{t('student.notLocked')}</StatusTag>
          ),
        },
      ]}
    />
  );
}

export default function StudentPage() {
  const { t } = useTranslation();
  const ta = useArchiveT();
  const can = useCan();
  const { id = '' } = useParams();
  const { data, error, loading, reload } = useAsync((signal) => studentsApi.get(id, signal), [id]);
  useTitle(data?.name ?? t('student.title'));

  if (isApiError(error) && (error.status === 404 || error.kind === 'not-found' || error.kind === 'forbidden')) {
    return (
      <NotFoundResult
        title={t('student.notFoundTitle')}
        text={t('student.notFoundText')}
        back={{ to: '/students', label: t('student.backToList') }}
      />
    );
  }
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (loading || !data) return <Skeleton active />;

  return (
    <>
      <PageHeading
        title={data.name}
        testId="student-name"
        extra={
          <Space>
            {can('archive.read') && (
              <Link to={`/students/${data.id}/archive`} data-testid="student-archive-link">
                {ta('open')}
              </Link>
            )}
            {can('transfer.request') && (
              // Only the id travels in the address: a name in a URL ends up in history and server logs.
              <Link to={`/transfers?${new URLSearchParams({ studentId: data.id }).toString()}`}>
                <Button data-testid="request-transfer">{t('student.requestTransfer')}</Button>
              </Link>
            )}
          </Space>
        }
      />
      <Alert type="info" showIcon title={t('student.auditNotice')} style={{ marginBottom: 16 }} />
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <Card title={sectionTitle(t('student.basic'))}>
            <Identity s={data} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={sectionTitle(t('student.guardians'))}>
            <Guardians guardians={data.guardians ?? []} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={sectionTitle(t('student.account'))}>
            <Account s={data} />
          </Card>
        </Col>
        <Col span={24}>
          <Card title={sectionTitle(t('student.enrollments'))}>
            <Enrollments enrollments={data.enrollments ?? []} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
