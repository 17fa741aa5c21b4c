import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  InputNumber,
  Input,
  Row,
  Select,
  Skeleton,
  Table,
  Typography,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { chinaNow, pickedDay } from '../lib/chinaTime';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import '../i18n/activities';
import { ACTIVITY_KINDS } from '../api/activities';
import { isApiError } from '../api/problem';
import { cachedChildren } from '../api/orgCache';
import {
  INDICATOR_IDS,
  supervisionApi,
  type Indicator,
  type Rag,
  type RecordKind,
  type RecordInput,
} from '../api/supervision';
import OrgPicker from '../components/OrgPicker';
import PageHeading from '../components/PageHeading';
import { LoadError } from '../components/Results';
import StatusTag from '../components/StatusTag';
import StudentSearch from '../components/StudentSearch';
import { useAsync } from '../hooks/useAsync';
import { useQueryParams } from '../hooks/useQueryParams';
import { useReportError } from '../hooks/useReportError';
import { currentLocale } from '../i18n';
import { saveBlob } from '../lib/download';
import { useCan } from '../session/useCan';
import { useSignedIn } from '../session/useSession';

const TONE: Record<Rag, 'good' | 'warn' | 'bad'> = { green: 'good', amber: 'warn', red: 'bad' };

/** Green/amber/red with words, never colour alone. */
function RagTag({ rag }: { rag: Rag }) {
  const { t } = useTranslation();
  return <StatusTag tone={TONE[rag]}>{t(`supervision.rag.${rag}`)}</StatusTag>;
}

const SHARE_INDICATORS = new Set([
  'training',
  'guardian_lectures',
  'guardian_course_hours',
  'parent_certificates',
  'family_contact',
  'screening_coverage',
  'alert_handling',
]);
const fmt = (i: Pick<Indicator, 'id'>, v: number) =>
  SHARE_INDICATORS.has(i.id) ? `${Math.round(v * 1000) / 10}%` : String(v);

/**
 * 督导: each school's indicators for a term against the city's standards, computed from what the school
 * recorded. District and city staff see their schools' colours and open one to see why.
 */
export default function SupervisionPage() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const { get, update } = useQueryParams();
  const wide = user.bindings.find((b) => b.scope.level === 'district' || b.scope.level === 'city');
  const schoolId = get('schoolId');
  const unitId = get('unitId') ?? wide?.scope.id;
  return (
    <>
      <PageHeading title={t('supervision.title')} />
      {!wide && (
        <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 0 } }}>
          <Form layout="vertical" component="div">
            <OrgPicker
              value={{ schoolId }}
              onChange={(v) => update({ schoolId: v.schoolId })}
              depth="school"
              idPrefix="supervision"
              testIdPrefix="supervision"
              allowClear={false}
              autoSelectSingle
            />
          </Form>
        </Card>
      )}
      {schoolId ? (
        <SchoolView schoolId={schoolId} onBack={wide ? () => update({ schoolId: undefined }) : undefined} />
      ) : unitId ? (
        <UnitView unitId={unitId} open={(id) => update({ schoolId: id })} />
      ) : null}
    </>
  );
}

function UnitView({ unitId, open }: { unitId: string; open: (schoolId: string) => void }) {
  const { t } = useTranslation();
  const en = currentLocale() === 'en';
  const { data, error, loading, reload } = useAsync((signal) => supervisionApi.unit(unitId, {}, signal), [unitId]);
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (loading || !data) return <Skeleton active />;
  return (
    <Card
      title={
        <h2 style={{ fontSize: 16, margin: 0 }}>
          {t('supervision.schools', { year: data.window.schoolYear, term: data.window.term })}
        </h2>
      }
    >
      <div style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={t('supervision.schoolsTable')}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          data-testid="supervision-schools"
          dataSource={data.schools}
          columns={[
            {
              title: t('supervision.school'),
              key: 'name',
              render: (_, s) => (
                <Button type="link" style={{ padding: 0 }} onClick={() => open(s.id)}>
                  {en && s.nameEn ? s.nameEn : s.name}
                </Button>
              ),
            },
            ...INDICATOR_IDS.map((id) => ({
              title: t(`supervision.indicator.${id}`),
              key: id,
              render: (_: unknown, s: (typeof data.schools)[number]) => (s.rag[id] ? <RagTag rag={s.rag[id]} /> : '—'),
            })),
          ]}
        />
      </div>
    </Card>
  );
}

function SchoolView({ schoolId, onBack }: { schoolId: string; onBack?: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const { data, error, loading, reload } = useAsync(
    (signal) => supervisionApi.school(schoolId, {}, signal),
    [schoolId],
  );
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (loading || !data) return <Skeleton active />;
  return (
    <>
      <Card
        title={
          <h2 style={{ fontSize: 16, margin: 0 }}>
            {t('supervision.schoolTerm', {
              school: data.school.name,
              year: data.window.schoolYear,
              term: data.window.term,
            })}
          </h2>
        }
        extra={onBack && <Button onClick={onBack}>{t('supervision.back')}</Button>}
        style={{ marginBottom: 16 }}
      >
        <Typography.Paragraph type="secondary">
          {t('supervision.computedNote', {
            standards: t(`supervision.preset.${data.standards}`, { defaultValue: data.standards }),
          })}
        </Typography.Paragraph>
        {data.figures.startingGradeGuardians !== undefined && (
          <Typography.Paragraph data-testid="supervision-certificates">
            {t('supervision.certificates', {
              guardians: data.figures.startingGradeGuardians,
              certified: data.figures.startingGradeGuardiansCertified ?? 0,
              hours: data.figures.certificateHours ?? 0,
            })}
          </Typography.Paragraph>
        )}
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          data-testid="supervision-indicators"
          dataSource={data.indicators}
          expandable={{
            rowExpandable: (i) =>
              i.shortfalls.length > 0 || (i.id === 'lessons' && data.classesShortOfLessons.length > 0),
            expandedRowRender: (i) => (
              <ul style={{ margin: 0 }}>
                {(i.id === 'lessons'
                  ? data.classesShortOfLessons.map((c) => ({
                      key: c.id,
                      name: c.name,
                      value: c.lessons,
                      target: c.target,
                    }))
                  : i.shortfalls
                ).map((s) => (
                  <li key={s.key}>{t('supervision.shortfall', { name: s.name, value: s.value, target: s.target })}</li>
                ))}
              </ul>
            ),
          }}
          columns={[
            {
              title: t('supervision.indicatorColumn'),
              key: 'id',
              render: (_, i) => t(`supervision.indicator.${i.id}`),
            },
            { title: t('supervision.value'), key: 'value', align: 'right', render: (_, i) => fmt(i, i.value) },
            { title: t('supervision.target'), key: 'target', align: 'right', render: (_, i) => fmt(i, i.target) },
            { title: t('supervision.status'), key: 'rag', render: (_, i) => <RagTag rag={i.rag} /> },
          ]}
        />
        <h3 style={{ fontSize: 14, marginTop: 16 }}>{t('supervision.activities')}</h3>
        <Typography.Paragraph type="secondary">{t('supervision.activitiesNote')}</Typography.Paragraph>
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 5 }} data-testid="supervision-activities">
          {ACTIVITY_KINDS.map((k) => (
            <Descriptions.Item key={k} label={t(`activities:kinds.${k}`)}>
              <span data-testid={`supervision-activity-${k}`}>{data.activities[k]}</span>
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>
      {can('supervision.record') && <RecordForm schoolId={schoolId} onSaved={reload} />}
    </>
  );
}

function RecordForm({ schoolId, onSaved }: { schoolId: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const { user } = useSignedIn();
  const [form] = Form.useForm<{
    kind: RecordKind;
    occurredOn: Dayjs;
    hours: number;
    gradeId?: string;
    classId?: string;
    studentId?: string;
    staffGroup?: RecordInput['staffGroup'];
    supervision?: boolean;
    topic?: string;
  }>();
  const kind = Form.useWatch('kind', form);
  const gradeId = Form.useWatch('gradeId', form);
  const grades = useAsync(() => cachedChildren(schoolId), [schoolId]);
  const classes = useAsync(() => (gradeId ? cachedChildren(gradeId) : Promise.resolve([])), [gradeId]);
  const [saving, setSaving] = useState(false);
  const [importErrors, setImportErrors] = useState<string[]>([]);
  const [fetchingTemplate, setFetchingTemplate] = useState(false);
  const downloadTemplate = async () => {
    setFetchingTemplate(true);
    try {
      const file = await supervisionApi.template(schoolId);
      saveBlob(file.blob, file.filename);
    } catch (e) {
      reportError(e);
    } finally {
      setFetchingTemplate(false);
    }
  };
  const importSheet = async (file: File) => {
    setImportErrors([]);
    try {
      const { count } = await supervisionApi.importSheet(schoolId, file);
      void message.success(t('supervision.imported', { count }));
      onSaved();
    } catch (e) {
      // Row and column come back in the field ("/file/rows/3/班级"): show them next to the message.
      if (isApiError(e) && e.errors.length)
        setImportErrors(
          e.errors.map((x) => `${x.field.replace(/^\/file\/rows\//, '').replace('/', ' · ')}：${x.message}`),
        );
      else reportError(e);
    }
  };
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await supervisionApi.record({
        schoolId,
        kind: v.kind,
        occurredOn: pickedDay(v.occurredOn),
        hours: v.hours,
        ...(v.kind === 'lesson' ? { classId: v.classId } : {}),
        ...(v.kind === 'guardian_lecture' ? { gradeId: v.gradeId } : {}),
        ...(v.kind === 'family_contact' ? { studentId: v.studentId } : {}),
        // A training is recorded by the person who took it.
        ...(v.kind === 'training'
          ? { staffId: user.id, staffGroup: v.staffGroup, supervision: v.supervision ?? false }
          : {}),
        topic: v.topic,
      });
      void message.success(t('supervision.saved'));
      form.resetFields(['hours', 'topic']);
      onSaved();
    } catch (e) {
      reportError(e);
    } finally {
      setSaving(false);
    }
  };
  const kinds: RecordKind[] = ['lesson', 'guardian_lecture', 'training', 'counseling_hours', 'family_contact'];
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('supervision.record')}</h2>}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'lesson', occurredOn: chinaNow(), hours: 1 }}
        data-testid="supervision-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="kind" label={t('supervision.kind')} rules={[{ required: true }]}>
              <Select options={kinds.map((k) => ({ value: k, label: t(`supervision.kinds.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="occurredOn" label={t('supervision.date')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="hours"
              label={t(kind === 'counseling_hours' ? 'supervision.hoursPerDay' : 'supervision.hours')}
              rules={[{ required: true }]}
            >
              {/* A phone call to a family may take no measurable time; every other kind needs hours. */}
              <InputNumber min={kind === 'family_contact' ? 0 : 0.5} max={1000} step={0.5} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {(kind === 'lesson' || kind === 'guardian_lecture') && (
            <Col xs={24} md={8}>
              <Form.Item name="gradeId" label={t('supervision.grade')} rules={[{ required: true }]}>
                <Select options={(grades.data ?? []).map((g) => ({ value: g.id, label: g.name }))} />
              </Form.Item>
            </Col>
          )}
          {kind === 'lesson' && (
            <Col xs={24} md={8}>
              <Form.Item name="classId" label={t('supervision.class')} rules={[{ required: true }]}>
                <Select options={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
              </Form.Item>
            </Col>
          )}
          {kind === 'family_contact' && (
            <Col xs={24} md={8}>
              <Form.Item
                name="studentId"
                label={t('supervision.student')}
                htmlFor="supervision-student"
                rules={[{ required: true, message: t('common.requiredSelect', { field: t('supervision.student') }) }]}
              >
                <StudentSearch
                  id="supervision-student"
                  schoolId={schoolId}
                  placeholder={t('supervision.studentPlaceholder')}
                  testId="supervision-student"
                />
              </Form.Item>
            </Col>
          )}
          {kind === 'training' && (
            <>
              <Col xs={24} md={8}>
                <Form.Item name="staffGroup" label={t('supervision.staffGroup')} rules={[{ required: true }]}>
                  <Select
                    options={(['psych_full_time', 'psych_part_time', 'head_teacher', 'all_staff'] as const).map(
                      (g) => ({ value: g, label: t(`supervision.groups.${g}`) }),
                    )}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="supervision" valuePropName="checked" label=" ">
                  <Checkbox>{t('supervision.isSupervision')}</Checkbox>
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24}>
            <Form.Item name="topic" label={t('supervision.topic')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="supervision-save">
          {t('supervision.save')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 24 }}>
        {t('supervision.importHelp')}
      </Typography.Paragraph>
      <Flex gap={8} wrap>
        <Button
          icon={<DownloadOutlined aria-hidden />}
          loading={fetchingTemplate}
          onClick={() => void downloadTemplate()}
          data-testid="supervision-template"
        >
          {t('supervision.template')}
        </Button>
        <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(file) => (void importSheet(file), false)}>
          <Button icon={<UploadOutlined aria-hidden />} data-testid="supervision-import">
            {t('supervision.import')}
          </Button>
        </Upload>
      </Flex>
      {importErrors.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={t('supervision.importRefused')}
          description={
            <ul style={{ margin: 0 }}>
              {importErrors.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          }
          data-testid="supervision-import-errors"
        />
      )}
    </Card>
  );
}
