import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, List, Select, Skeleton, Space, Typography } from 'antd';
import { useCounselingT } from '../i18n/counseling';
import { Link, useNavigate } from 'react-router-dom';
import { counselingApi, type CounselingRecord, type CounselingRecordBody } from '../api/counseling';
import labels from '../i18n/counseling.zh-CN';
import PageHeading from '../components/PageHeading';
import { LoadError } from '../components/Results';
import StudentSearch from '../components/StudentSearch';
import { useAsync } from '../hooks/useAsync';
import { useQueryParams } from '../hooks/useQueryParams';
import { useReportError } from '../hooks/useReportError';
import { currentLocale } from '../i18n';
import { formatDateTime } from '../lib/format';

// The lists come from the label catalog's keys, in its order (the six parts in Changzhou §7's order), so the
// pages take nothing from @yuxin/core that would grow its chunk on the student path.
const keysOf = <K extends string>(o: Record<K, string>) => Object.keys(o) as K[];
const RECORD_FIELDS = keysOf(labels.field);
const SESSION_TYPES = keysOf<CounselingRecord['sessionType']>(labels.session);
const COUNSELING_OUTCOMES = keysOf<CounselingRecord['outcome']>(labels.outcomes);
const URGENCIES = keysOf(labels.urgency);
type Urgency = (typeof URGENCIES)[number];

/** A counseling session's record (辅导过程记录): the six parts of Changzhou §7, written or read. */
export default function CounselingRecordPage({ id }: { id: string }) {
  return id !== 'new' ? <RecordView id={id} /> : <RecordForm />;
}

type FormValues = Omit<CounselingRecordBody, 'appointmentId' | 'studentId' | 'heldAt'>;

function RecordForm() {
  const tc = useCounselingT();
  const navigate = useNavigate();
  const reportError = useReportError();
  const { get } = useQueryParams();
  const appointmentId = get('appointmentId');
  const [form] = Form.useForm<FormValues>();
  const sessionType = Form.useWatch('sessionType', form);
  const [saving, setSaving] = useState(false);
  const submit = async (v: FormValues) => {
    setSaving(true);
    try {
      const participantIds = v.sessionType === 'group' && v.participantIds?.length ? v.participantIds : undefined;
      const r = await counselingApi.createRecord({ ...v, participantIds, appointmentId });
      void navigate(`/counseling/records/${r.id}`, { replace: true });
    } catch (e) {
      reportError(e, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <PageHeading title={tc('recordTitle')} />
      <Card style={{ maxWidth: 820 }}>
        <Form<FormValues>
          form={form}
          layout="vertical"
          initialValues={{ sessionType: 'individual', durationMinutes: 45, outcome: 'continue' }}
          onFinish={(v) => void submit(v)}
        >
          <Form.Item name="sessionType" label={tc('sessionType')}>
            <Select options={SESSION_TYPES.map((s) => ({ value: s, label: tc(`session.${s}`) }))} />
          </Form.Item>
          {sessionType === 'group' && (
            <Form.Item
              name="participantIds"
              label={tc('participants.label')}
              extra={tc('participants.hint')}
              htmlFor="record-participants"
            >
              <StudentSearch
                id="record-participants"
                multiple
                placeholder={tc('participants.add')}
                testId="record-participants"
              />
            </Form.Item>
          )}
          <Form.Item
            name="durationMinutes"
            label={tc('duration')}
            rules={[{ required: true }]}
            normalize={(v: string) => (v === '' ? v : Number(v))}
          >
            <Input type="number" min={5} max={480} suffix={tc('minutes')} style={{ width: 160 }} />
          </Form.Item>
          {RECORD_FIELDS.map((f) => (
            <Form.Item
              key={f}
              name={f}
              label={tc(`field.${f}`)}
              rules={[{ required: true, whitespace: true, message: tc('fieldRequired') }]}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={8000} data-testid={`record-${f}`} />
            </Form.Item>
          ))}
          <Form.Item name="outcome" label={tc('outcome')}>
            <Select options={COUNSELING_OUTCOMES.map((o) => ({ value: o, label: tc(`outcomes.${o}`) }))} />
          </Form.Item>
          <Alert type="info" showIcon message={tc('recordPrivacy')} style={{ marginBottom: 16 }} />
          <Button type="primary" htmlType="submit" loading={saving} data-testid="save-record">
            {tc('saveRecord')}
          </Button>
        </Form>
      </Card>
    </>
  );
}

function RecordView({ id }: { id: string }) {
  const tc = useCounselingT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const locale = currentLocale();
  const record = useAsync((signal) => counselingApi.record(id, signal), [id]);
  const [urgency, setUrgency] = useState<Urgency>('high');
  const [note, setNote] = useState('');
  const [opening, setOpening] = useState(false);
  const open = async () => {
    setOpening(true);
    try {
      const r = await counselingApi.openCase(id, { urgency, note: note.trim() || undefined });
      void message.success(tc(r.created ? 'caseOpened' : 'caseJoined'));
      record.reload();
    } catch (e) {
      reportError(e);
    } finally {
      setOpening(false);
    }
  };
  if (record.error) return <LoadError error={record.error} onRetry={record.reload} />;
  const r = record.data;
  if (!r) return <Skeleton active />;
  const rows: Array<[string, string, string?]> = [
    [tc('col.student'), `${r.student.name} · ${r.student.className}`],
    [tc('heldAt'), formatDateTime(r.heldAt, locale)],
    [tc('sessionType'), `${tc(`session.${r.sessionType}`)} · ${r.durationMinutes} ${tc('minutes')}`],
    ...(r.sessionType === 'group'
      ? [
          [
            tc('participants.label'),
            r.participants.length
              ? r.participants.map((p) => `${p.name}（${p.className}）`).join('、')
              : tc('participants.none'),
            'view-participants',
          ] as [string, string, string],
        ]
      : []),
    [tc('counselor'), r.counselorName],
    ...RECORD_FIELDS.map((f): [string, string, string] => [tc(`field.${f}`), r[f], `view-${f}`]),
    [tc('outcome'), tc(`outcomes.${r.outcome}`)],
  ];
  return (
    <>
      <PageHeading title={tc('recordOf', { name: r.student.name })} />
      <Card style={{ maxWidth: 820, marginBottom: 16 }}>
        <dl style={{ margin: 0 }}>
          {rows.map(([label, value, testId]) => (
            <div key={label} style={{ marginBottom: 12 }}>
              <dt>
                <Typography.Text type="secondary">{label}</Typography.Text>
              </dt>
              <dd style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid={testId}>
                {value}
              </dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card size="small" title={tc('openCase')} style={{ maxWidth: 820 }}>
        {r.caseId ? (
          <Link to={`/cases/${r.caseId}`} data-testid="record-case-link">
            {tc('goToCase')}
          </Link>
        ) : (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert type="info" message={tc('openCaseHint')} />
            <label htmlFor="case-urgency">{tc('urgencyLabel')}</label>
            <Select
              id="case-urgency"
              value={urgency}
              onChange={setUrgency}
              options={URGENCIES.map((u) => ({ value: u, label: tc(`urgency.${u}`) }))}
              style={{ width: 200 }}
            />
            <Input.TextArea
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder={tc('caseNote')}
              maxLength={4000}
              autoSize={{ minRows: 2 }}
            />
            <Button type="primary" loading={opening} onClick={() => void open()} data-testid="open-case">
              {tc('openCase')}
            </Button>
          </Space>
        )}
      </Card>
      {!r.caseId && <AlertCard recordId={r.id} alertId={r.alertId} onRaised={record.reload} />}
      <ReferCard recordId={r.id} onReferred={record.reload} />
      <KeyFeedbackCard recordId={r.id} />
    </>
  );
}

/**
 * 预警 from the record, when the teacher wants the school's 研判 rather than a case of her own: an ordinary
 * alert whose reason is her short note, never the record. Once raised, the card links to the alert queue.
 */
function AlertCard({
  recordId,
  alertId,
  onRaised,
}: {
  recordId: string;
  alertId: string | null;
  onRaised: () => void;
}) {
  const tc = useCounselingT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [urgency, setUrgency] = useState<Urgency>('high');
  const [reason, setReason] = useState('');
  const [raising, setRaising] = useState(false);
  const raise = async () => {
    setRaising(true);
    try {
      await counselingApi.raiseAlert(recordId, { urgency, reason: reason.trim() });
      void message.success(tc('alert.raised'));
      setReason('');
      onRaised();
    } catch (e) {
      reportError(e);
    } finally {
      setRaising(false);
    }
  };
  return (
    <Card size="small" title={tc('alert.title')} style={{ maxWidth: 820, marginTop: 16 }} data-testid="record-alert">
      {alertId ? (
        <Space direction="vertical">
          <Typography.Text>{tc('alert.done')}</Typography.Text>
          <Link to="/alerts" data-testid="record-alert-link">
            {tc('alert.goToAlerts')}
          </Link>
        </Space>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="info" message={tc('alert.hint')} />
          <label htmlFor="alert-urgency">{tc('urgencyLabel')}</label>
          <Select
            id="alert-urgency"
            value={urgency}
            onChange={setUrgency}
            options={URGENCIES.map((u) => ({ value: u, label: tc(`urgency.${u}`) }))}
            style={{ width: 200 }}
          />
          <Input.TextArea
            aria-label={tc('alert.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={tc('alert.reason')}
            maxLength={2000}
            autoSize={{ minRows: 2 }}
            data-testid="record-alert-reason"
          />
          <Button
            danger
            loading={raising}
            disabled={!reason.trim()}
            onClick={() => void raise()}
            data-testid="record-alert-raise"
          >
            {tc('alert.raise')}
          </Button>
        </Space>
      )}
    </Card>
  );
}

type ReferValues = { reason: string; summary: string; urgency: Urgency };

/**
 * 转介 from the record in one step, to the school's partner hospital. The server opens the case from the
 * record when there is none and the case machine decides; a refusal names what is missing.
 */
function ReferCard({ recordId, onReferred }: { recordId: string; onReferred: () => void }) {
  const tc = useCounselingT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<ReferValues>();
  const [open, setOpen] = useState(false);
  const [sending, setSending] = useState(false);
  const submit = async (v: ReferValues) => {
    setSending(true);
    try {
      await counselingApi.refer(recordId, { ...v, reason: v.reason.trim(), summary: v.summary.trim() });
      void message.success(tc('refer.done'));
      setOpen(false);
      form.resetFields();
      onReferred();
    } catch (e) {
      reportError(e, form);
    } finally {
      setSending(false);
    }
  };
  return (
    <Card size="small" title={tc('refer.action')} style={{ maxWidth: 820, marginTop: 16 }}>
      {!open ? (
        <Button onClick={() => setOpen(true)} data-testid="record-refer">
          {tc('refer.action')}
        </Button>
      ) : (
        <Form<ReferValues>
          form={form}
          layout="vertical"
          initialValues={{ urgency: 'high' }}
          onFinish={(v) => void submit(v)}
        >
          <Alert type="info" message={tc('refer.hint')} style={{ marginBottom: 12 }} />
          <Form.Item name="urgency" label={tc('urgencyLabel')}>
            <Select options={URGENCIES.map((u) => ({ value: u, label: tc(`urgency.${u}`) }))} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={tc('refer.reason')}
            rules={[{ required: true, whitespace: true, message: tc('fieldRequired') }]}
          >
            <Input.TextArea maxLength={4000} autoSize={{ minRows: 2 }} data-testid="refer-reason" />
          </Form.Item>
          <Form.Item
            name="summary"
            label={tc('refer.summary')}
            rules={[{ required: true, whitespace: true, message: tc('fieldRequired') }]}
          >
            <Input.TextArea maxLength={8000} autoSize={{ minRows: 3 }} data-testid="refer-summary" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={sending} data-testid="refer-submit">
            {tc('refer.submit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

/** 重点反馈: the teacher's own short note to the student's head teachers, never the record's content. */
function KeyFeedbackCard({ recordId }: { recordId: string }) {
  const tc = useCounselingT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [note, setNote] = useState('');
  const [sending, setSending] = useState(false);
  // What this visit sent stays on the card: the toast is gone in three seconds, and a teacher who looks away
  // should still see that the note went, and to how many head teachers.
  const [sent, setSent] = useState<{ note: string; recipients: number; at: string }[]>([]);
  const send = async () => {
    setSending(true);
    try {
      const text = note.trim();
      const r = await counselingApi.sendKeyFeedback(recordId, text);
      void message.success(tc('feedback.sent', { count: r.recipients }));
      setSent((list) => [...list, { note: text, recipients: r.recipients, at: new Date().toISOString() }]);
      setNote('');
    } catch (e) {
      reportError(e);
    } finally {
      setSending(false);
    }
  };
  return (
    <Card size="small" title={tc('feedback.title')} style={{ maxWidth: 820, marginTop: 16 }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert type="info" message={tc('feedback.hint')} />
        <Input.TextArea
          aria-label={tc('feedback.title')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={tc('feedback.placeholder')}
          maxLength={500}
          showCount
          autoSize={{ minRows: 2 }}
          data-testid="key-feedback-note"
        />
        <Button loading={sending} disabled={!note.trim()} onClick={() => void send()} data-testid="key-feedback-send">
          {tc('feedback.send')}
        </Button>
        {sent.length > 0 && (
          <List
            size="small"
            header={tc('feedback.sentList')}
            dataSource={sent}
            data-testid="key-feedback-sent"
            renderItem={(item) => (
              <List.Item>
                <List.Item.Meta
                  title={item.note}
                  description={`${tc('feedback.sent', { count: item.recipients })} · ${formatDateTime(item.at, currentLocale())}`}
                />
              </List.Item>
            )}
          />
        )}
      </Space>
    </Card>
  );
}
