import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Skeleton,
  Table,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useParentLecturesT } from '../i18n/parent-lectures';
import { parentLecturesApi, type SchoolLecture, type SchoolLectures } from '../api/parentLectures';
import PageHeading from '../components/PageHeading';
import { LoadError } from '../components/Results';
import StatusTag from '../components/StatusTag';
import { useAsync } from '../hooks/useAsync';
import { useQueryParams } from '../hooks/useQueryParams';
import { useReportError } from '../hooks/useReportError';
import { currentLocale } from '../i18n';
import { chinaNow, pickedInstant } from '../lib/chinaTime';
import { formatShortDateTime } from '../lib/format';
import { useSignedIn } from '../session/useSession';

/** The roles that record a school's lectures (supervision.record at school level). */
const LECTURE_ROLES = new Set(['psych_teacher', 'school_leader']);

/**
 * 家长学校 for the school's staff: plan a lecture for some grades (its date decides the term), see each
 * lecture's attendance, and tick the guardians present at one held on site.
 */
export default function ParentLecturesPage() {
  const tf = useParentLecturesT();
  const { user } = useSignedIn();
  const schools = user.bindings.filter((b) => LECTURE_ROLES.has(b.role) && b.scope.level === 'school');
  const { get, update } = useQueryParams();
  const schoolId = get('schoolId') ?? schools[0]?.scope.id;
  const { data, error, loading, reload } = useAsync(
    (signal) => (schoolId ? parentLecturesApi.list(schoolId, signal) : Promise.resolve(null)),
    [schoolId],
  );
  const [taking, setTaking] = useState<SchoolLecture | null>(null);
  return (
    <>
      <PageHeading
        title={tf('title')}
        extra={
          schools.length > 1 && (
            <Select
              aria-label={tf('school')}
              value={schoolId}
              onChange={(v) => update({ schoolId: v })}
              options={schools.map((b) => ({ value: b.scope.id, label: b.scope.name }))}
              style={{ minWidth: 200 }}
            />
          )
        }
      />
      <Typography.Paragraph style={{ maxWidth: 760, color: 'rgba(0,0,0,0.72)' }}>{tf('intro')}</Typography.Paragraph>
      {!schoolId ? (
        <Empty />
      ) : error ? (
        <LoadError error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Skeleton active />
      ) : data ? (
        <Flex vertical gap={16}>
          <PlanCard schoolId={schoolId} grades={data.grades} onSaved={reload} />
          <LectureList data={data} onTake={setTaking} />
        </Flex>
      ) : null}
      {taking && (
        <AttendanceDrawer
          lecture={taking}
          onClose={() => setTaking(null)}
          onSaved={() => {
            setTaking(null);
            reload();
          }}
        />
      )}
    </>
  );
}

interface PlanValues {
  title: string;
  heldAt: Dayjs;
  hours: number;
  gradeIds: string[];
}

function PlanCard({
  schoolId,
  grades,
  onSaved,
}: {
  schoolId: string;
  grades: SchoolLectures['grades'];
  onSaved: () => void;
}) {
  const tf = useParentLecturesT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<PlanValues>();
  const [saving, setSaving] = useState(false);
  const submit = async (v: PlanValues) => {
    setSaving(true);
    try {
      const res = await parentLecturesApi.create({
        schoolId,
        title: v.title.trim(),
        heldAt: pickedInstant(v.heldAt),
        hours: v.hours,
        gradeIds: v.gradeIds,
      });
      void message.success(tf('created', { told: res.told }));
      form.resetFields(['title', 'gradeIds']);
      onSaved();
    } catch (e) {
      reportError(e, form);
    } finally {
      setSaving(false);
    }
  };
  const required = (field: string) => ({ required: true, message: tf('required', { field }) });
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{tf('plan')}</h2>}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ heldAt: chinaNow(), hours: 1.5 }}
        onFinish={(v) => void submit(v)}
        data-testid="lecture-plan"
      >
        <Form.Item
          name="title"
          label={tf('lectureTitle')}
          rules={[{ ...required(tf('lectureTitle')), whitespace: true }]}
        >
          <Input maxLength={200} data-testid="lecture-title" />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="heldAt" label={tf('heldAt')} rules={[required(tf('heldAt'))]} extra={tf('termHelp')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" inputReadOnly />
          </Form.Item>
          <Form.Item name="hours" label={tf('hours')} rules={[required(tf('hours'))]} extra={tf('hoursHelp')}>
            <InputNumber min={0.25} max={24} step={0.5} data-testid="lecture-hours" />
          </Form.Item>
        </Flex>
        <Form.Item name="gradeIds" label={tf('grades')} rules={[{ ...required(tf('grades')), type: 'array', min: 1 }]}>
          <Checkbox.Group options={grades.map((g) => ({ value: g.id, label: g.name }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="lecture-create">
          {tf('create')}
        </Button>
      </Form>
    </Card>
  );
}

function LectureList({ data, onTake }: { data: SchoolLectures; onTake: (l: SchoolLecture) => void }) {
  const tf = useParentLecturesT();
  const locale = currentLocale();
  const sep = locale === 'zh-CN' ? '、' : ', ';
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{tf('list')}</h2>}>
      <Table
        size="small"
        rowKey="id"
        data-testid="lecture-list"
        dataSource={data.items}
        locale={{ emptyText: tf('empty') }}
        pagination={data.items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        columns={[
          { title: tf('lectureTitle'), dataIndex: 'title' },
          { title: tf('heldAt'), dataIndex: 'heldAt', render: (v: string) => formatShortDateTime(v, locale) },
          { title: tf('hours'), dataIndex: 'hours', align: 'right' },
          {
            title: tf('grades'),
            key: 'grades',
            render: (_: unknown, l: SchoolLecture) => l.grades.map((g) => g.name).join(sep),
          },
          {
            title: tf('attendance'),
            key: 'attendance',
            render: (_: unknown, l: SchoolLecture) =>
              l.held ? (
                <Flex vertical>
                  <span data-testid="lecture-attendance">{tf('attendanceCount', l.attendance)}</span>
                  <Typography.Text style={{ color: 'rgba(0,0,0,0.62)', fontSize: 12 }}>
                    {tf('attendanceSplit', l.attendance)}
                  </Typography.Text>
                </Flex>
              ) : (
                <StatusTag tone="neutral">{tf('upcoming')}</StatusTag>
              ),
          },
          {
            title: '',
            key: 'take',
            render: (_: unknown, l: SchoolLecture) =>
              l.held && (
                <Button size="small" onClick={() => onTake(l)} data-testid="lecture-take">
                  {tf('take')}
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}

/** The grades' guardians; those already marked are ticked and fixed, so nobody is counted twice. */
function AttendanceDrawer({
  lecture,
  onClose,
  onSaved,
}: {
  lecture: SchoolLecture;
  onClose: () => void;
  onSaved: () => void;
}) {
  const tf = useParentLecturesT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const { data, error, loading, reload } = useAsync(
    (signal) => parentLecturesApi.guardians(lecture.id, signal),
    [lecture.id],
  );
  const [picked, setPicked] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    try {
      const res = await parentLecturesApi.markPresent(lecture.id, picked);
      void message.success(tf('saved', { added: res.added, total: res.total }));
      onSaved();
    } catch (e) {
      reportError(e);
    } finally {
      setSaving(false);
    }
  };
  const marked = (data?.items ?? []).filter((g) => g.attended).map((g) => g.id);
  return (
    <Drawer open onClose={onClose} title={tf('takeTitle', { title: lecture.title })} width={640} destroyOnHidden>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : loading || !data ? (
        <Skeleton active />
      ) : data.items.length === 0 ? (
        <Empty description={tf('noGuardians')} />
      ) : (
        <Flex vertical gap={12}>
          <Typography.Paragraph style={{ color: 'rgba(0,0,0,0.72)', margin: 0 }}>{tf('takeHelp')}</Typography.Paragraph>
          <Table
            size="small"
            rowKey="id"
            data-testid="lecture-guardians"
            dataSource={data.items}
            pagination={false}
            rowSelection={{
              selectedRowKeys: [...marked, ...picked],
              onChange: (keys) => setPicked(keys.map(String).filter((k) => !marked.includes(k))),
              getCheckboxProps: (g) => ({ disabled: g.attended !== null, 'aria-label': g.name }),
            }}
            columns={[
              { title: tf('guardian'), dataIndex: 'name' },
              {
                title: tf('children'),
                key: 'children',
                render: (_: unknown, g: (typeof data.items)[number]) =>
                  g.children.map((c) => `${c.name}（${c.className}）`).join(' '),
              },
              {
                title: tf('marked'),
                key: 'marked',
                render: (_: unknown, g: (typeof data.items)[number]) =>
                  g.attended ? (
                    <StatusTag tone="good">{tf(`markedBy.${g.attended}`)}</StatusTag>
                  ) : (
                    <Typography.Text style={{ color: 'rgba(0,0,0,0.62)' }}>{tf('notMarked')}</Typography.Text>
                  ),
              },
            ]}
          />
          <Button
            type="primary"
            disabled={picked.length === 0}
            loading={saving}
            onClick={() => void save()}
            data-testid="lecture-save-attendance"
          >
            {tf('save', { n: picked.length })}
          </Button>
        </Flex>
      )}
    </Drawer>
  );
}
