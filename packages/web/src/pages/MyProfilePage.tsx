import { Card, Col, Descriptions, Empty, Row, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { studentsApi } from '../api/students';
import type { StudentListItem } from '../api/types';
import PageHeading from '../components/PageHeading';
import { LoadError } from '../components/Results';
import { useAsync } from '../hooks/useAsync';
import { useSignedIn } from '../session/useSession';

/** A student's basic information. Care tags are deliberately not shown to students and families. */
function ProfileCard({ p, title }: { p: Partial<StudentListItem>; title: string }) {
  const { t } = useTranslation();
  const items = [
    { key: 'name', label: t('students.name'), value: p.name },
    { key: 'studentNo', label: t('students.studentNo'), value: p.studentNo },
    {
      key: 'gender',
      label: t('students.gender'),
      value: p.gender ? t(`gender.${p.gender}`, { defaultValue: p.gender }) : undefined,
    },
    { key: 'birthDate', label: t('students.birthDate'), value: p.birthDate },
    { key: 'school', label: t('students.school'), value: p.schoolName },
    { key: 'grade', label: t('students.grade'), value: p.gradeName },
    { key: 'class', label: t('students.class'), value: p.className },
    {
      key: 'boarding',
      label: t('students.boarding'),
      value:
        typeof p.boarding === 'boolean'
          ? p.boarding
            ? t('students.boardingYes')
            : t('students.boardingNo')
          : undefined,
    },
  ].filter((i) => i.value);
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>}>
      <Descriptions
        column={{ xs: 1, md: 2 }}
        size="small"
        bordered
        items={items.map((i) => ({ key: i.key, label: i.label, children: i.value }))}
      />
    </Card>
  );
}

export default function MyProfilePage() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const { data, error, loading, reload } = useAsync((signal) => studentsApi.myProfile(signal), []);
  const isGuardian = user.kind === 'guardian';

  return (
    <>
      <PageHeading title={t('me.title')} />
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : loading || !data ? (
        <Skeleton active />
      ) : data.children.length === 0 ? (
        // A student's own record is listed like a guardian's children: the server answers one shape.
        <Empty description={isGuardian ? t('me.noChildren') : t('common.none')} />
      ) : (
        <Row gutter={[16, 16]}>
          {data.children.map((c) => (
            <Col xs={24} xl={12} key={c.id}>
              <ProfileCard p={c} title={isGuardian ? c.name : t('me.profile')} />
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}
