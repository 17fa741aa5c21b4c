import { useCallback, useMemo } from 'react';
import { Button, Card, Form, Select, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { studentsApi } from '../api/students';
import type { StudentListItem } from '../api/types';
import CareTags from '../components/CareTags';
import OrgPicker, { type OrgSelection } from '../components/OrgPicker';
import PageHeading from '../components/PageHeading';
import SearchInput from '../components/SearchInput';
import { LoadError } from '../components/Results';
import { useAsync } from '../hooks/useAsync';
import { useQueryParams } from '../hooks/useQueryParams';
import { CARE_TAGS, isCareTag } from '../lib/careTags';
import { useCan } from '../session/useCan';
import PeerSupportersCard from './PeerSupportersCard';

const PAGE_SIZES = [10, 20, 50, 100];

/** The search box: searches on Enter, and shortly after typing stops. */
function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string, replace: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <Form.Item label={t('students.searchLabel')} htmlFor="student-search" style={{ minWidth: 240, flex: '1 1 240px' }}>
      <SearchInput
        id="student-search"
        testId="student-search"
        value={value}
        placeholder={t('students.searchPlaceholder')}
        onSearch={onSearch}
        debounceMs={400}
      />
    </Form.Item>
  );
}

function useColumns(): TableColumnsType<StudentListItem> {
  const { t } = useTranslation();
  return useMemo(
    () => [
      {
        title: t('students.name'),
        dataIndex: 'name',
        key: 'name',
        fixed: 'left',
        render: (name: string, s) => (
          <Link to={`/students/${encodeURIComponent(s.id)}`} onClick={(e) => e.stopPropagation()}>
            {name}
          </Link>
        ),
      },
      {
        title: t('students.studentNo'),
        dataIndex: 'studentNo',
        key: 'studentNo',
        render: (v: string) => <span className="yx-mono">{v}</span>,
      },
      {
        title: t('students.gender'),
        dataIndex: 'gender',
        key: 'gender',
        render: (g: string) => t(`gender.${g}`, { defaultValue: g }),
        responsive: ['sm'],
      },
      { title: t('students.school'), dataIndex: 'schoolName', key: 'school', responsive: ['md'] },
      { title: t('students.grade'), dataIndex: 'gradeName', key: 'grade' },
      { title: t('students.class'), dataIndex: 'className', key: 'class' },
      {
        title: t('students.careTags'),
        dataIndex: 'careTags',
        key: 'careTags',
        render: (tags: string[]) => <CareTags tags={tags ?? []} />,
      },
      {
        title: t('students.boarding'),
        dataIndex: 'boarding',
        key: 'boarding',
        responsive: ['sm'],
        render: (b: boolean) => (b ? t('students.boardingYes') : t('students.boardingNo')),
      },
    ],
    [t],
  );
}

export default function StudentsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { get, getInt, update } = useQueryParams();
  const columns = useColumns();
  const can = useCan();

  const q = get('q') ?? '';
  const org: OrgSelection = { schoolId: get('schoolId'), gradeId: get('gradeId'), classId: get('classId') };
  // A hand-edited URL may name a tag that does not exist: it filters nothing rather than being refused.
  const tagParam = get('careTag');
  const careTag = tagParam && isCareTag(tagParam) ? tagParam : undefined;
  const page = getInt('page', 1);
  const pageSize = Math.min(getInt('pageSize', 20), 200);

  const { data, error, loading, reload } = useAsync(
    (signal) => studentsApi.list({ q: q || undefined, ...org, careTag, page, pageSize }, signal),
    [q, org.schoolId, org.gradeId, org.classId, careTag, page, pageSize],
  );

  const onOrgChange = useCallback(
    (next: OrgSelection) =>
      update({ schoolId: next.schoolId, gradeId: next.gradeId, classId: next.classId, page: undefined }, true),
    [update],
  );
  const hasFilters = !!(q || org.schoolId || org.gradeId || org.classId || careTag);

  return (
    <>
      <PageHeading title={t('students.title')} />
      <Card style={{ marginBottom: 16 }}>
        <Form layout="vertical" component="div" style={{ display: 'flex', flexWrap: 'wrap', columnGap: 16 }}>
          <SearchBox value={q} onSearch={(v, replace) => update({ q: v, page: undefined }, replace)} />
          <OrgPicker
            value={org}
            onChange={onOrgChange}
            depth="class"
            idPrefix="students-filter"
            testIdPrefix="student-filter"
          />
          <Form.Item label={t('students.careTag')} htmlFor="students-care-tag" style={{ minWidth: 150 }}>
            <Select
              id="students-care-tag"
              data-testid="student-filter-care-tag"
              value={careTag}
              allowClear
              placeholder={t('students.any')}
              options={CARE_TAGS.map((c) => ({ value: c, label: t(`careTags.${c}`) }))}
              onChange={(v?: string) => update({ careTag: v, page: undefined })}
              style={{ minWidth: 150 }}
            />
          </Form.Item>
          {hasFilters && (
            <Form.Item label={<span className="yx-visually-hidden">{t('students.clearFilters')}</span>} colon={false}>
              <Button
                onClick={() =>
                  update({
                    q: undefined,
                    schoolId: undefined,
                    gradeId: undefined,
                    classId: undefined,
                    careTag: undefined,
                    page: undefined,
                  })
                }
              >
                {t('students.clearFilters')}
              </Button>
            </Form.Item>
          )}
        </Form>
      </Card>

      {org.classId && can('peer.appoint') && <PeerSupportersCard classId={org.classId} />}

      <Card>
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <div data-testid="student-table">
            <Table<StudentListItem>
              aria-label={t('students.tableLabel')}
              rowKey="id"
              columns={columns}
              dataSource={data?.items ?? []}
              loading={loading}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('students.empty') }}
              rowClassName={() => 'yx-clickable-row'}
              onRow={(s) => ({ onClick: () => void navigate(`/students/${encodeURIComponent(s.id)}`) })}
              pagination={{
                current: data?.page ?? page,
                pageSize: data?.pageSize ?? pageSize,
                total: data?.total ?? 0,
                showSizeChanger: true,
                pageSizeOptions: PAGE_SIZES,
                showTotal: (total) => t('common.total', { total }),
                onChange: (p, ps) => update({ page: p === 1 ? undefined : p, pageSize: ps === 20 ? undefined : ps }),
              }}
            />
          </div>
        )}
      </Card>
    </>
  );
}
