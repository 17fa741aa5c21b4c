import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Skeleton,
  Space,
  Table,
  Tabs,
} from 'antd';
import { Link } from 'react-router-dom';
import {
  transfersApi,
  type HandoverSummary,
  type SummaryBody,
  type Transfer,
  type TransferRequestBody,
} from '../api/transfers';
import PageHeading from '../components/PageHeading';
import { LoadError } from '../components/Results';
import StatusTag from '../components/StatusTag';
import { useAsync } from '../hooks/useAsync';
import { studentsApi } from '../api/students';
import { useQueryParams } from '../hooks/useQueryParams';
import { useReportError } from '../hooks/useReportError';
import { useTitle } from '../hooks/useTitle';
import { currentLocale } from '../i18n';
import { useTransfersT } from '../i18n/transfers';
import { formatDateTime } from '../lib/format';

type Choices = {
  schools: Array<{ id: string; name: string }>;
  classes: Array<{ id: string; schoolId: string; name: string }>;
};

/**
 * 转学与交接: the requests in and out of the user's schools. The sending psychology teacher writes and signs
 * the hand-over summary; the receiving school accepts into one of its classes (or declines) and, once
 * accepted, its psychology teachers read the summary. The student page's "Transfer" opens the request form.
 */
export default function TransfersPage() {
  const tc = useTransfersT();
  useTitle(tc('title'));
  const list = useAsync((signal) => transfersApi.list(signal), []);
  const { get, update } = useQueryParams();
  const studentId = get('studentId');
  const [summaryOf, setSummaryOf] = useState<Transfer | null>(null);
  const [accepting, setAccepting] = useState<Transfer | null>(null);
  if (list.error) return <LoadError error={list.error} onRetry={list.reload} />;
  const data = list.data;
  if (!data) return <Skeleton active />;
  const incoming = data.items.filter((t) => t.direction === 'incoming');
  const outgoing = data.items.filter((t) => t.direction === 'outgoing');
  const table = (items: Transfer[], testId: string) => (
    <TransferTable
      items={items}
      testId={testId}
      onSummary={setSummaryOf}
      onAccept={setAccepting}
      reload={list.reload}
    />
  );
  return (
    <>
      <PageHeading title={tc('title')} />
      <Alert type="info" showIcon title={tc('intro')} style={{ marginBottom: 16 }} />
      {studentId && (
        <RequestForm
          studentId={studentId}
          schools={data.schools}
          onDone={() => {
            update({ studentId: null });
            list.reload();
          }}
        />
      )}
      <Tabs
        items={[
          { key: 'incoming', label: `${tc('incoming')} (${incoming.length})`, children: table(incoming, 'incoming') },
          { key: 'outgoing', label: `${tc('outgoing')} (${outgoing.length})`, children: table(outgoing, 'outgoing') },
        ]}
      />
      {summaryOf && (
        <SummaryModal
          transfer={summaryOf}
          onClose={() => {
            setSummaryOf(null);
            list.reload();
          }}
        />
      )}
      {accepting && (
        <AcceptModal
          transfer={accepting}
          classes={data.classes}
          onClose={() => {
            setAccepting(null);
            list.reload();
          }}
        />
      )}
    </>
  );
}

function TransferTable({
  items,
  testId,
  onSummary,
  onAccept,
  reload,
}: {
  items: Transfer[];
  testId: string;
  onSummary: (t: Transfer) => void;
  onAccept: (t: Transfer) => void;
  reload: () => void;
}) {
  const tc = useTransfersT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const locale = currentLocale();
  const step = async (t: Transfer, kind: 'decline' | 'cancel') => {
    try {
      await (kind === 'decline' ? transfersApi.decline(t.id) : transfersApi.cancel(t.id));
      void message.success(tc(kind === 'decline' ? 'declined' : 'cancelled'));
      reload();
    } catch (e) {
      reportError(e);
    }
  };
  return (
    <Table<Transfer>
      rowKey="id"
      size="small"
      data-testid={`transfers-${testId}`}
      dataSource={items}
      pagination={false}
      locale={{ emptyText: tc('none') }}
      scroll={{ x: 'max-content' }}
      columns={[
        {
          title: tc('col.student'),
          key: 'student',
          render: (_, t) => (t.student.name ? `${t.student.name}（${t.student.studentNo ?? ''}）` : tc('hidden')),
        },
        { title: tc('kind'), key: 'kind', render: (_, t) => tc(`kinds.${t.kind}`) },
        { title: tc('col.from'), key: 'from', render: (_, t) => `${t.from.schoolName} ${t.from.className}` },
        {
          title: tc('col.to'),
          key: 'to',
          render: (_, t) => [t.to.schoolName, t.to.className].filter(Boolean).join(' '),
        },
        {
          title: tc('col.status'),
          key: 'status',
          render: (_, t) => (
            <StatusTag tone={t.status === 'accepted' ? 'good' : t.status === 'requested' ? 'warn' : 'neutral'}>
              {tc(`status.${t.status}`)}
            </StatusTag>
          ),
        },
        {
          title: tc('col.summary'),
          key: 'summary',
          render: (_, t) => tc(`summaryState.${t.summary.signed ? 'signed' : t.summary.written ? 'draft' : 'none'}`),
        },
        { title: tc('col.requestedAt'), key: 'at', render: (_, t) => formatDateTime(t.requestedAt, locale) },
        {
          title: tc('col.actions'),
          key: 'actions',
          render: (_, t) => (
            <Space wrap>
              {t.can.writeSummary && (
                <Button size="small" type="primary" onClick={() => onSummary(t)} data-testid="write-summary">
                  {tc('writeSummary')}
                </Button>
              )}
              {!t.can.writeSummary && t.can.readSummary && (
                <Button size="small" onClick={() => onSummary(t)} data-testid="read-summary">
                  {tc('readSummary')}
                </Button>
              )}
              {t.can.accept && (
                <Button size="small" type="primary" onClick={() => onAccept(t)} data-testid="accept-transfer">
                  {tc('accept')}
                </Button>
              )}
              {t.can.accept && (
                <Popconfirm title={tc('confirmDecline')} onConfirm={() => void step(t, 'decline')}>
                  <Button size="small" danger>
                    {tc('decline')}
                  </Button>
                </Popconfirm>
              )}
              {t.can.cancel && (
                <Popconfirm title={tc('confirmCancel')} onConfirm={() => void step(t, 'cancel')}>
                  <Button size="small">{tc('cancel')}</Button>
                </Popconfirm>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

function RequestForm({
  studentId,
  schools,
  onDone,
}: {
  studentId: string;
  schools: Choices['schools'];
  onDone: () => void;
}) {
  const tc = useTransfersT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<Omit<TransferRequestBody, 'studentId'>>();
  const [saving, setSaving] = useState(false);
  // The form is prefilled from the student page's link by id; the name is read as the student page reads it.
  const student = useAsync((signal) => studentsApi.get(studentId, signal), [studentId]);
  const studentName = student.data ? `${student.data.name}（${student.data.studentNo}）` : '';
  const submit = async (v: Omit<TransferRequestBody, 'studentId'>) => {
    setSaving(true);
    try {
      await transfersApi.request({ ...v, studentId });
      void message.success(tc('requested'));
      onDone();
    } catch (e) {
      reportError(e, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card title={tc('newTitle')} style={{ marginBottom: 16, maxWidth: 720 }} data-testid="transfer-request">
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item label={tc('student')}>
          <span data-testid="transfer-request-student">{studentName || studentId}</span>
        </Form.Item>
        <Form.Item name="toSchoolId" label={tc('toSchool')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={schools.map((s) => ({ value: s.id, label: s.name }))}
            data-testid="to-school"
          />
        </Form.Item>
        <Form.Item name="kind" label={tc('kind')}>
          <Select
            allowClear
            options={(['transfer', 'graduation'] as const).map((k) => ({ value: k, label: tc(`kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="caseDisposition" label={tc('disposition')} extra={tc('dispositionHint')}>
          <Select
            allowClear
            options={(['hand_over', 'close_before'] as const).map((d) => ({
              value: d,
              label: tc(`dispositions.${d}`),
            }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="submit-transfer">
          {tc('submit')}
        </Button>
      </Form>
    </Card>
  );
}

function AcceptModal({
  transfer,
  classes,
  onClose,
}: {
  transfer: Transfer;
  classes: Choices['classes'];
  onClose: () => void;
}) {
  const tc = useTransfersT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [classId, setClassId] = useState<string | undefined>(transfer.to.classId ?? undefined);
  const [saving, setSaving] = useState(false);
  const accept = async () => {
    if (!classId) return;
    setSaving(true);
    try {
      await transfersApi.accept(transfer.id, classId);
      void message.success(tc('accepted'));
      onClose();
    } catch (e) {
      reportError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={tc('acceptTitle')}
      onCancel={onClose}
      onOk={() => void accept()}
      okText={tc('accept')}
      okButtonProps={{ disabled: !classId, loading: saving, id: 'confirm-accept' }}
    >
      <Form layout="vertical">
        <Form.Item label={tc('chooseClass')} required>
          <Select
            showSearch
            optionFilterProp="label"
            value={classId}
            onChange={setClassId}
            options={classes
              .filter((c) => c.schoolId === transfer.to.schoolId)
              .map((c) => ({ value: c.id, label: c.name }))}
            data-testid="accept-class"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SummaryModal({ transfer, onClose }: { transfer: Transfer; onClose: () => void }) {
  const tc = useTransfersT();
  const summary = useAsync((signal) => transfersApi.summary(transfer.id, signal), [transfer.id]);
  return (
    <Modal open title={tc('summaryTitle')} onCancel={onClose} footer={null} width={720}>
      {summary.error ? (
        <LoadError error={summary.error} onRetry={summary.reload} />
      ) : !summary.data ? (
        <Skeleton active />
      ) : transfer.can.writeSummary ? (
        <SummaryForm transfer={transfer} summary={summary.data} onDone={onClose} />
      ) : (
        <SummaryView summary={summary.data} />
      )}
    </Modal>
  );
}

type SummaryValues = Omit<SummaryBody, 'sign' | 'tier'> & { tier: 'none' | '1' | '2' | '3' };

function SummaryForm({
  transfer,
  summary,
  onDone,
}: {
  transfer: Transfer;
  summary: HandoverSummary;
  onDone: () => void;
}) {
  const tc = useTransfersT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<SummaryValues>();
  const [saving, setSaving] = useState(false);
  const save = async (sign: boolean) => {
    const v = sign ? await form.validateFields() : form.getFieldsValue();
    setSaving(true);
    try {
      await transfersApi.writeSummary(transfer.id, {
        tier: v.tier === 'none' ? null : Number(v.tier),
        followUpNeeds: v.followUpNeeds ?? '',
        attention: v.attention ?? '',
        sign,
      });
      void message.success(tc(sign ? 'signed' : 'saved'));
      onDone();
    } catch (e) {
      reportError(e, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form<SummaryValues>
      form={form}
      layout="vertical"
      initialValues={{
        tier: summary.tier == null ? 'none' : (String(summary.tier) as SummaryValues['tier']),
        followUpNeeds: summary.followUpNeeds,
        attention: summary.attention,
      }}
    >
      <Alert type="info" showIcon title={tc('summaryPrivacy')} style={{ marginBottom: 16 }} />
      <Form.Item name="tier" label={tc('tier')}>
        <Select options={(['none', '1', '2', '3'] as const).map((k) => ({ value: k, label: tc(`tiers.${k}`) }))} />
      </Form.Item>
      <Form.Item label={tc('caseOpen')}>{summary.caseOpen ? tc('yes') : tc('no')}</Form.Item>
      <Form.Item name="followUpNeeds" label={tc('followUpNeeds')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} data-testid="summary-follow-up" />
      </Form.Item>
      <Form.Item
        name="attention"
        label={tc('attention')}
        rules={[{ required: true, whitespace: true, message: tc('attentionRequired') }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} data-testid="summary-attention" />
      </Form.Item>
      <Space>
        <Button onClick={() => void save(false)} loading={saving}>
          {tc('save')}
        </Button>
        <Button type="primary" onClick={() => void save(true)} loading={saving} data-testid="sign-summary">
          {tc('sign')}
        </Button>
      </Space>
    </Form>
  );
}

function SummaryView({ summary }: { summary: HandoverSummary }) {
  const tc = useTransfersT();
  const locale = currentLocale();
  return (
    <Descriptions
      column={1}
      bordered
      size="small"
      data-testid="summary-view"
      items={[
        {
          key: 'tier',
          label: tc('tier'),
          children: tc(`tiers.${summary.tier == null ? 'none' : String(summary.tier)}`),
        },
        { key: 'case', label: tc('caseOpen'), children: summary.caseOpen ? tc('yes') : tc('no') },
        { key: 'followUp', label: tc('followUpNeeds'), children: summary.followUpNeeds || '—' },
        {
          key: 'attention',
          label: tc('attention'),
          children: <span data-testid="summary-attention-text">{summary.attention}</span>,
        },
        {
          key: 'signed',
          label: tc('signedBy'),
          children: summary.signedAt
            ? `${summary.signedBy ?? ''} · ${formatDateTime(summary.signedAt, locale)}`
            : tc('notSigned'),
        },
        ...(summary.caseId
          ? [
              {
                key: 'caseLink',
                label: tc('openCase'),
                children: <Link to={`/cases/${summary.caseId}`}>{tc('openCase')}</Link>,
              },
            ]
          : []),
      ]}
    />
  );
}
