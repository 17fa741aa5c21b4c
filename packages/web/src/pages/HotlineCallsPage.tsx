import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Pagination,
  Select,
  Skeleton,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { HOTLINE_RISKS, schoolAlertRefusal, type HotlineRisk } from '@yuxin/core';
import { useTranslation } from 'react-i18next';
import '../i18n/hotline';
import { hotlineApi, type CallSummary } from '../api/hotline';
import PageHeading from '../components/PageHeading';
import HotlineCallForm from './HotlineCallForm';
import HotlineCallEdit from './HotlineCallEdit';
import { useSignedIn } from '../session/useSession';
import { LoadError } from '../components/Results';
import StatusTag, { type Tone } from '../components/StatusTag';
import { useAsync } from '../hooks/useAsync';
import { useReportError } from '../hooks/useReportError';
import { currentLocale } from '../i18n';
import { formatShortDateTime } from '../lib/format';

const RISK_TONE: Record<HotlineRisk, Tone> = {
  none: 'good',
  low: 'neutral',
  medium: 'warn',
  high: 'bad',
  imminent: 'bad',
};

export function RiskTag({ risk }: { risk: HotlineRisk }) {
  const { t } = useTranslation();
  return <StatusTag tone={RISK_TONE[risk]}>{t(`hotline:risk.${risk}`)}</StatusTag>;
}

/** What the counselor sees of the school's side: told or not, and whether it took the alert on. */
function SchoolAlertState({ call }: { call: CallSummary }) {
  const { t } = useTranslation();
  const a = call.schoolAlert;
  if (!a) return <Typography.Text style={{ color: 'rgba(0,0,0,0.62)' }}>{t('hotline:alert.none')}</Typography.Text>;
  return (
    <span data-testid="call-school-alert" data-status={a.status}>
      <StatusTag tone={a.status === 'open' ? 'warn' : 'good'}>
        {a.status === 'acknowledged'
          ? t('hotline:alert.acknowledged', { time: formatShortDateTime(a.acknowledgedAt, currentLocale()) })
          : t(`hotline:alert.${a.status}`)}
      </StatusTag>
      {a.status === 'open' && a.escalationLevel !== 'school' && (
        <StatusTag tone="bad">{t('hotline:alert.escalated')}</StatusTag>
      )}
    </span>
  );
}

function RaiseAlert({ call, onRaised }: { call: CallSummary; onRaised: (c: CallSummary) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const eligible =
    !call.schoolAlert &&
    schoolAlertRefusal({ anonymous: call.anonymous, studentId: call.student?.id ?? null, risk: call.risk }) === null;
  if (!eligible) return null;
  const submit = async ({ reason }: { reason: string }) => {
    setBusy(true);
    try {
      const updated = await hotlineApi.alertSchool(call.id, reason);
      void message.success(t('hotline:alert.raised'));
      setOpen(false);
      onRaised(updated);
    } catch (e) {
      reportError(e, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="call-raise-alert">
        {t('hotline:alert.raise')}
      </Button>
      <Modal
        open={open}
        title={t('hotline:alert.raiseTitle', { name: call.student?.name ?? '' })}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={busy}
        okText={t('hotline:alert.raise')}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('hotline:alert.raiseHelp')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item
            name="reason"
            label={t('hotline:alert.reason')}
            rules={[
              { required: true, whitespace: true, message: t('common.required', { field: t('hotline:alert.reason') }) },
            ]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('hotline:alert.reasonPlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** One call with its free text: opening it is audited on the server. */
function CallDrawer({ id, onClose, onChanged }: { id: string; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { user } = useSignedIn();
  const [editing, setEditing] = useState(false);
  const { data, error, loading, reload } = useAsync((signal) => hotlineApi.call(id, signal), [id]);
  const none = t('hotline:detail.none');
  return (
    <Drawer open onClose={onClose} title={t('hotline:detail.title')} width={560} destroyOnHidden>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : loading || !data ? (
        <Skeleton active />
      ) : editing ? (
        <HotlineCallEdit
          call={data}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            reload();
            onChanged();
          }}
        />
      ) : (
        <Flex vertical gap={16} data-testid="call-detail">
          <Flex gap={8} wrap align="center">
            <RiskTag risk={data.risk} />
            <SchoolAlertState call={data} />
            <RaiseAlert
              call={data}
              onRaised={() => {
                reload();
                onChanged();
              }}
            />
            {/* Only the counselor who recorded the call rewrites it; colleagues read it. */}
            {data.recordedBy.id === user.id && (
              <Button onClick={() => setEditing(true)} data-testid="call-edit">
                {t('hotline:edit.open')}
              </Button>
            )}
          </Flex>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('hotline:form.startedAt')}>
              {formatShortDateTime(data.startedAt, locale)} · {t('hotline:calls.minutes', { n: data.durationMinutes })}
            </Descriptions.Item>
            <Descriptions.Item label={t('hotline:detail.caller')}>
              {t(`hotline:callerType.${data.callerType}`)} ·{' '}
              {data.anonymous
                ? t('hotline:calls.anonymous')
                : data.student
                  ? `${data.student.name}（${data.student.schoolName} ${data.student.className}）`
                  : [data.callerName, data.callerSchool, data.callerClass].filter(Boolean).join(' ') ||
                    t('hotline:calls.unnamed')}
            </Descriptions.Item>
            <Descriptions.Item label={t('hotline:form.topics')}>
              {data.topics.map((x) => t(`hotline:topic.${x}`)).join(locale === 'zh-CN' ? '、' : ', ')}
            </Descriptions.Item>
            <Descriptions.Item label={t('hotline:form.outcome')}>
              {t(`hotline:outcome.${data.outcome}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('hotline:detail.intervention')}>{data.intervention ?? none}</Descriptions.Item>
            <Descriptions.Item label={t('hotline:detail.followUp')}>
              {data.followUp ?? none}
              {data.followUpAt ? ` · ${formatShortDateTime(data.followUpAt, locale)}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('hotline:detail.notes')}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{data.notes ?? none}</span>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Text style={{ color: 'rgba(0,0,0,0.62)' }}>
            {t('hotline:calls.recordedBy', { name: data.recordedBy.name })}
          </Typography.Text>
        </Flex>
      )}
    </Drawer>
  );
}

/** The centre's calls, newest first, with whether each reached a school and whether the school took it on. */
export default function HotlineCallsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [risk, setRisk] = useState<HotlineRisk>();
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const [recording, setRecording] = useState(false);
  const { data, error, loading, reload } = useAsync(
    (signal) => hotlineApi.calls({ risk, page, pageSize: 20 }, signal),
    [risk, page],
  );

  return (
    <>
      <PageHeading
        title={t('hotline:calls.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="call-new">
            {t('hotline:calls.record')}
          </Button>
        }
      />
      <Typography.Paragraph style={{ maxWidth: 760, color: 'rgba(0,0,0,0.72)' }}>
        {t('hotline:calls.intro')}
      </Typography.Paragraph>
      <Flex gap={8} style={{ marginBottom: 16 }}>
        <Select
          allowClear
          style={{ minWidth: 160 }}
          placeholder={t('hotline:calls.filterRisk')}
          aria-label={t('hotline:calls.filterRisk')}
          value={risk}
          onChange={(v) => {
            setRisk(v);
            setPage(1);
          }}
          options={HOTLINE_RISKS.map((r) => ({ value: r, label: t(`hotline:risk.${r}`) }))}
        />
      </Flex>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Skeleton active />
      ) : !data || data.items.length === 0 ? (
        <Empty description={t('hotline:calls.empty')} />
      ) : (
        <Flex vertical gap={12}>
          {data.items.map((c) => (
            <Card key={c.id} size="small" data-testid="call-row" data-call-id={c.id}>
              <Flex justify="space-between" align="center" gap={8} wrap>
                <Flex vertical gap={4}>
                  <Flex gap={8} align="center" wrap>
                    <RiskTag risk={c.risk} />
                    <strong>
                      {c.anonymous
                        ? t('hotline:calls.anonymous')
                        : c.student
                          ? `${c.student.name}（${c.student.schoolName} ${c.student.className}）`
                          : t('hotline:calls.unnamed')}
                    </strong>
                    <span style={{ color: 'rgba(0,0,0,0.68)' }}>{t(`hotline:callerType.${c.callerType}`)}</span>
                  </Flex>
                  <Typography.Text style={{ color: 'rgba(0,0,0,0.68)', fontSize: 13 }}>
                    {formatShortDateTime(c.startedAt, locale)} · {t('hotline:calls.minutes', { n: c.durationMinutes })}{' '}
                    · {c.topics.map((x) => t(`hotline:topic.${x}`)).join(locale === 'zh-CN' ? '、' : ', ')} ·{' '}
                    {t(`hotline:outcome.${c.outcome}`)}
                    {c.followUpAt
                      ? ` · ${t('hotline:calls.followUpAt', { time: formatShortDateTime(c.followUpAt, locale) })}`
                      : ''}
                  </Typography.Text>
                </Flex>
                <Flex gap={8} align="center" wrap>
                  <SchoolAlertState call={c} />
                  <Button onClick={() => setOpenId(c.id)} data-testid="call-open">
                    {t('hotline:calls.open')}
                  </Button>
                </Flex>
              </Flex>
            </Card>
          ))}
          <Pagination
            current={page}
            pageSize={20}
            total={data.total}
            onChange={setPage}
            showSizeChanger={false}
            hideOnSinglePage
          />
        </Flex>
      )}
      <Drawer
        open={recording}
        onClose={() => setRecording(false)}
        title={t('hotline:form.title')}
        width={720}
        destroyOnHidden
      >
        <HotlineCallForm
          onSaved={() => {
            setRecording(false);
            setPage(1);
            reload();
          }}
        />
      </Drawer>
      {openId && <CallDrawer id={openId} onClose={() => setOpenId(null)} onChanged={reload} />}
    </>
  );
}
