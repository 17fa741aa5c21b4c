import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Skeleton,
  Table,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import '../i18n/activities';
import {
  ACTIVITY_KINDS,
  ACTIVITY_KINDS_BY_ROLE,
  activitiesApi,
  countActivities,
  type Activity,
  type ActivityKind,
} from '../api/activities';
import { orgApi } from '../api/org';
import OrgPicker, { type OrgSelection } from '../components/OrgPicker';
import PageHeading from '../components/PageHeading';
import { LoadError } from '../components/Results';
import StatusTag from '../components/StatusTag';
import { useAsync } from '../hooks/useAsync';
import { useReportError } from '../hooks/useReportError';
import { currentLocale } from '../i18n';
import { chinaNow, pickedDay } from '../lib/chinaTime';
import { formatNumber } from '../lib/format';
import { useSignedIn } from '../session/useSession';

const termKey = (a: Pick<Activity, 'schoolYear' | 'term'>) => `${a.schoolYear}|${a.term}`;

/**
 * 活动台账: the school's activities by term, with the counts supervision sees, and the form to record one.
 * Head teachers see and record their own class's theme meetings; psychology teachers and leaders the school's.
 * An entry the reader may correct (the server's `mine`: the rule that let it be recorded, not voided) opens
 * in the same form to be edited.
 */
export default function ActivitiesPage() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const kinds = useMemo(() => {
    const mine = new Set(user.bindings.flatMap((b) => ACTIVITY_KINDS_BY_ROLE[b.role as 'head_teacher'] ?? []));
    return ACTIVITY_KINDS.filter((k) => mine.has(k));
  }, [user.bindings]);
  const headTeacherOnly = kinds.length === 1 && kinds[0] === 'class_meeting';
  const { data, error, loading, reload } = useAsync((signal) => activitiesApi.list({}, signal), []);
  const terms = useMemo(() => [...new Set((data?.items ?? []).map(termKey))].sort().reverse(), [data]);
  const [picked, setPicked] = useState<string>();
  const term = picked && terms.includes(picked) ? picked : terms[0];
  const [editing, setEditing] = useState<Activity | null>(null);
  return (
    <>
      <PageHeading title={t('activities:title')} />
      <Typography.Paragraph type="secondary">{t('activities:intro')}</Typography.Paragraph>
      {headTeacherOnly && <Typography.Paragraph>{t('activities:headTeacherNote')}</Typography.Paragraph>}
      <RecordForm
        kinds={kinds}
        editing={editing}
        onCancelEdit={() => setEditing(null)}
        onSaved={(a) => (setEditing(null), setPicked(termKey(a)), reload())}
      />
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Skeleton active />
      ) : (
        <Ledger
          items={(data?.items ?? []).filter((a) => termKey(a) === term)}
          terms={terms}
          term={term}
          onTerm={setPicked}
          onChanged={reload}
          onEdit={setEditing}
        />
      )}
    </>
  );
}

function Ledger({
  items,
  terms,
  term,
  onTerm,
  onChanged,
  onEdit,
}: {
  items: Activity[];
  terms: string[];
  term: string | undefined;
  onTerm: (term: string) => void;
  onChanged: () => void;
  onEdit: (a: Activity) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [voiding, setVoiding] = useState<Activity | null>(null);
  // The same counting rule supervision applies (core's countActivities): voided entries are out.
  const counts = countActivities(items);
  const termLabel = (k: string) => {
    const [year, n] = k.split('|');
    return t('activities:termOption', { year, term: n });
  };
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('activities:counts')}</h2>}
      extra={
        terms.length > 0 && (
          <Select
            aria-label={t('activities:term')}
            value={term}
            onChange={onTerm}
            options={terms.map((k) => ({ value: k, label: termLabel(k) }))}
            style={{ minWidth: 200 }}
            data-testid="activities-term"
          />
        )
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 5 }} data-testid="activities-counts">
        {ACTIVITY_KINDS.map((k) => (
          <Descriptions.Item key={k} label={t(`activities:kinds.${k}`)}>
            <span data-testid={`activities-count-${k}`}>{formatNumber(counts[k], locale)}</span>
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Typography.Paragraph type="secondary">{t('activities:countsNote')}</Typography.Paragraph>
      {items.length === 0 ? (
        <Empty description={t('activities:empty')} />
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <Table<Activity>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={items}
            data-testid="activities-table"
            columns={[
              { title: t('activities:column.heldOn'), dataIndex: 'heldOn' },
              { title: t('activities:column.kind'), key: 'kind', render: (_, a) => t(`activities:kinds.${a.kind}`) },
              { title: t('activities:column.title'), dataIndex: 'title' },
              {
                title: t('activities:column.class'),
                key: 'class',
                render: (_, a) => a.className ?? t('activities:schoolWide'),
              },
              {
                title: t('activities:column.participants'),
                key: 'participants',
                align: 'right',
                render: (_, a) => formatNumber(a.participants, locale),
              },
              { title: t('activities:column.hours'), dataIndex: 'hours', align: 'right' },
              { title: t('activities:column.recordedBy'), dataIndex: 'recordedByName' },
              {
                title: t('activities:column.status'),
                key: 'status',
                render: (_, a) =>
                  a.voided ? (
                    <span title={t('activities:voidReason', { reason: a.voidReason ?? '' })}>
                      <StatusTag tone="neutral">{t('activities:voided')}</StatusTag>
                    </span>
                  ) : (
                    <StatusTag tone="good">{t('activities:valid')}</StatusTag>
                  ),
              },
              {
                title: '',
                key: 'actions',
                render: (_, a) =>
                  a.mine && (
                    <Flex gap={8}>
                      <Button size="small" onClick={() => onEdit(a)} data-testid={`activities-edit-${a.id}`}>
                        {t('activities:edit')}
                      </Button>
                      <Button size="small" onClick={() => setVoiding(a)} data-testid={`activities-void-${a.id}`}>
                        {t('activities:void')}
                      </Button>
                    </Flex>
                  ),
              },
            ]}
          />
        </div>
      )}
      <VoidModal activity={voiding} onClose={() => setVoiding(null)} onVoided={onChanged} />
    </Card>
  );
}

function VoidModal({
  activity,
  onClose,
  onVoided,
}: {
  activity: Activity | null;
  onClose: () => void;
  onVoided: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    if (!activity) return;
    const { reason } = await form.validateFields();
    setSaving(true);
    try {
      await activitiesApi.void(activity.id, reason);
      void message.success(t('activities:voidedMsg'));
      form.resetFields();
      onClose();
      onVoided();
    } catch (e) {
      reportError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={!!activity}
      title={t('activities:voidTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('activities:void')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('activities:voidHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('activities:reason')}
          rules={[{ required: true, whitespace: true, message: t('activities:reasonRequired') }]}
        >
          <Input maxLength={200} data-testid="activities-void-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface FormValues {
  kind: ActivityKind;
  title: string;
  heldOn: Dayjs;
  participants: number;
  hours: number;
  notes?: string;
}

function RecordForm({
  kinds,
  editing,
  onCancelEdit,
  onSaved,
}: {
  kinds: readonly ActivityKind[];
  editing: Activity | null;
  onCancelEdit: () => void;
  onSaved: (a: Activity) => void;
}) {
  const { t } = useTranslation();
  const card = useRef<HTMLDivElement>(null);
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form);
  const [org, setOrg] = useState<OrgSelection>({});
  const [classSchool, setClassSchool] = useState<string>();
  const [clientId, setClientId] = useState(() => crypto.randomUUID());
  const [saving, setSaving] = useState(false);
  const [classMissing, setClassMissing] = useState(false);
  const onOrg = useCallback((next: OrgSelection) => (setOrg(next), setClassMissing(false)), []);
  // A head teacher's picker offers their class alone, without its school: find the school from the class.
  useEffect(() => {
    if (org.schoolId || !org.classId) return;
    let live = true;
    orgApi
      .unit(org.classId)
      .then((u) => live && setClassSchool(u.ancestors.find((a) => a.kind === 'school')?.id))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [org.schoolId, org.classId]);
  const schoolId = org.schoolId ?? (org.classId ? classSchool : undefined);
  // An entry being corrected fills the form; its kind, school and class stay what they were (the server
  // changes only the title, day, participants, hours and notes).
  useEffect(() => {
    if (!editing) return;
    form.setFieldsValue({
      kind: editing.kind,
      title: editing.title,
      heldOn: dayjs(editing.heldOn),
      participants: editing.participants,
      hours: editing.hours,
      notes: editing.notes ?? '',
    });
    card.current?.scrollIntoView({ block: 'start' });
  }, [editing, form]);
  const stopEditing = () => {
    form.resetFields();
    onCancelEdit();
  };
  const saveEdit = async (a: Activity) => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const saved = await activitiesApi.update(a.id, {
        title: v.title,
        heldOn: pickedDay(v.heldOn),
        participants: v.participants,
        hours: v.hours,
        notes: v.notes?.trim() ? v.notes : null,
      });
      void message.success(t('activities:form.updated'));
      form.resetFields();
      onSaved(saved);
    } catch (e) {
      reportError(e);
    } finally {
      setSaving(false);
    }
  };
  const submit = async () => {
    if (editing) return saveEdit(editing);
    const v = await form.validateFields();
    if (v.kind === 'class_meeting' && !org.classId) {
      setClassMissing(true);
      return;
    }
    if (!schoolId) return;
    setSaving(true);
    try {
      const saved = await activitiesApi.record({
        clientId,
        schoolId,
        ...(org.classId ? { classId: org.classId } : {}),
        kind: v.kind,
        title: v.title,
        heldOn: pickedDay(v.heldOn),
        participants: v.participants,
        hours: v.hours,
        ...(v.notes?.trim() ? { notes: v.notes } : {}),
      });
      void message.success(t('activities:form.saved'));
      form.resetFields(['title', 'notes']);
      setClientId(crypto.randomUUID());
      onSaved(saved);
    } catch (e) {
      reportError(e);
    } finally {
      setSaving(false);
    }
  };
  if (kinds.length === 0 && !editing) return null;
  const kindOptions = editing && !kinds.includes(editing.kind) ? [...kinds, editing.kind] : kinds;
  return (
    <Card
      ref={card}
      title={
        <h2 style={{ fontSize: 16, margin: 0 }}>
          {t(editing ? 'activities:form.editTitle' : 'activities:form.title')}
        </h2>
      }
      style={{ marginBottom: 16 }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: kinds[0], heldOn: chinaNow(), participants: 40, hours: 1 }}
        data-testid="activities-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="kind" label={t('activities:form.kind')} rules={[{ required: true }]}>
              <Select
                data-testid="activities-kind"
                disabled={!!editing}
                options={kindOptions.map((k) => ({ value: k, label: t(`activities:kinds.${k}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            {editing ? (
              <Form.Item label={t('activities:column.class')}>
                <Typography.Text data-testid="activities-edit-class">
                  {editing.className ?? t('activities:schoolWide')}
                </Typography.Text>
              </Form.Item>
            ) : (
              <Flex gap={16} wrap>
                <OrgPicker
                  value={org}
                  onChange={onOrg}
                  depth="class"
                  idPrefix="activities"
                  testIdPrefix="activities"
                  allowClear={kind !== 'class_meeting'}
                  autoSelectSingle
                />
              </Flex>
            )}
            {classMissing && (
              <Typography.Text type="danger" role="alert">
                {t('activities:form.classRequired')}
              </Typography.Text>
            )}
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="title"
              label={t('activities:form.topic')}
              rules={[{ required: true, whitespace: true, message: t('activities:form.topicRequired') }]}
            >
              <Input maxLength={200} data-testid="activities-title" />
            </Form.Item>
          </Col>
          <Col xs={24} md={4}>
            <Form.Item name="heldOn" label={t('activities:form.heldOn')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(chinaNow(), 'day')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="participants" label={t('activities:form.participants')} rules={[{ required: true }]}>
              <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="hours" label={t('activities:form.hours')} rules={[{ required: true }]}>
              <InputNumber min={0.25} max={24} step={0.5} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="notes" label={t('activities:form.notes')} extra={t('activities:form.notesHelp')}>
              <Input.TextArea maxLength={500} rows={2} />
            </Form.Item>
          </Col>
        </Row>
        <Flex gap={8}>
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="activities-save">
            {t('activities:form.save')}
          </Button>
          {editing && (
            <Button onClick={stopEditing} data-testid="activities-edit-cancel">
              {t('activities:form.cancelEdit')}
            </Button>
          )}
        </Flex>
      </Form>
    </Card>
  );
}
