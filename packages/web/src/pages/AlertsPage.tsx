import { useState } from 'react';
import { App, Button, Card, ConfigProvider, Empty, Flex, Form, Pagination, Select, Skeleton, Typography } from 'antd';
import { CheckOutlined, ClockCircleOutlined, FileSearchOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { screeningApi, type AlertStatus, type AlertUrgency, type AlertView } from '../api/screening';
import CareTags from '../components/CareTags';
import PageHeading from '../components/PageHeading';
import { LoadError } from '../components/Results';
import { UrgencyTag } from '../components/ScreeningTags';
import StatusTag from '../components/StatusTag';
import { useAsync } from '../hooks/useAsync';
import { useNotificationStream } from '../hooks/useNotificationStream';
import { useQueryParams } from '../hooks/useQueryParams';
import { useReportError } from '../hooks/useReportError';
import { currentLocale } from '../i18n';
import { formatShortDateTime } from '../lib/format';
import { useCan } from '../session/useCan';

const STATUSES: AlertStatus[] = ['open', 'acknowledged', 'closed'];
const URGENCIES: AlertUrgency[] = ['crisis', 'high', 'attention'];

/** A duration in the largest unit that reads naturally: minutes under two hours, hours under two days. */
function useSpan() {
  const { t } = useTranslation();
  return (ms: number) => {
    const minutes = Math.max(0, Math.round(ms / 60_000));
    if (minutes < 120) return t('alerts.unit.minutes', { n: minutes });
    const hours = Math.round(minutes / 60);
    if (hours < 48) return t('alerts.unit.hours', { n: hours });
    return t('alerts.unit.days', { n: Math.round(hours / 24) });
  };
}

function AlertCard({ a, onAcknowledged }: { a: AlertView; onAcknowledged: (a: AlertView) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const can = useCan();
  const locale = currentLocale();
  const [busy, setBusy] = useState(false);
  const crisis = a.urgency === 'crisis';
  const span = useSpan();

  const acknowledge = async () => {
    setBusy(true);
    try {
      const r = await screeningApi.acknowledge(a.id);
      void message.success(t('alerts.acknowledged'));
      onAcknowledged({
        ...a,
        status: r.status,
        acknowledgedAt: r.acknowledgedAt,
        acknowledgedBy: r.acknowledgedBy,
        overdue: false,
      });
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      data-testid="alert-row"
      data-alert-id={a.id}
      data-status={a.status}
      styles={{ body: { padding: 16 } }}
      style={{
        borderInlineStart: `4px solid ${crisis && a.status === 'open' ? '#be123c' : a.status === 'open' ? '#ca8a04' : '#d1d5db'}`,
      }}
    >
      <Flex vertical gap={10}>
        <Flex justify="space-between" align="start" gap={8} wrap>
          <Flex align="center" gap={8} wrap>
            <UrgencyTag urgency={a.urgency} />
            <h2 style={{ fontSize: 17, margin: 0 }} data-testid="alert-student">
              {a.studentName}
            </h2>
            <Typography.Text style={{ color: 'rgba(0,0,0,0.68)' }}>
              {a.gradeName}
              {a.className}
            </Typography.Text>
            {a.cared && (
              <span>
                <span className="yx-visually-hidden">{t('alerts.cared')}</span>
                <CareTags tags={a.careTags} />
              </span>
            )}
          </Flex>
          <StatusTag tone={a.status === 'open' ? (a.overdue ? 'bad' : 'warn') : 'good'}>
            {t(`alerts.status.${a.status}`, { defaultValue: a.status })}
          </StatusTag>
        </Flex>
        <Typography.Text
          style={{ color: a.overdue ? '#9f1239' : 'rgba(0,0,0,0.72)', fontWeight: a.overdue ? 600 : 400 }}
        >
          <ClockCircleOutlined aria-hidden />{' '}
          {a.overdue
            ? t('alerts.overdue', { time: formatShortDateTime(a.dueAt, locale) })
            : t('alerts.due', { time: formatShortDateTime(a.dueAt, locale) })}
          <span style={{ color: 'rgba(0,0,0,0.62)', fontWeight: 400 }}>
            {' · '}
            {t(`alerts.source.${a.source}`, { defaultValue: a.source })} · {formatShortDateTime(a.createdAt, locale)}
          </span>
        </Typography.Text>
        {a.status === 'open' && (
          <Flex gap={8} wrap align="center" data-testid="alert-deadline">
            <Typography.Text style={{ color: a.overdue ? '#9f1239' : 'rgba(0,0,0,0.72)' }}>
              {a.overdue
                ? t('alerts.overdueBy', { time: span(Date.now() - Date.parse(a.dueAt)) })
                : t('alerts.remaining', { time: span(Date.parse(a.dueAt) - Date.now()) })}
            </Typography.Text>
            {a.escalationLevel !== 'school' && (
              <span data-testid="alert-escalation">
                <StatusTag tone="bad">
                  {t(`alerts.escalation.${a.escalationLevel}`, { defaultValue: a.escalationLevel })}
                </StatusTag>
              </span>
            )}
            {a.nextEscalationAt && (
              <Typography.Text style={{ color: 'rgba(0,0,0,0.62)', fontSize: 13 }}>
                {t('alerts.nextEscalation', {
                  time: formatShortDateTime(a.nextEscalationAt, locale),
                  to: t(`alerts.escalationNext.${a.escalationLevel}`, { defaultValue: '' }),
                })}
              </Typography.Text>
            )}
          </Flex>
        )}
        {a.observation && (
          <div data-testid="alert-observation" style={{ background: '#f8fafc', borderRadius: 6, padding: '8px 12px' }}>
            <Typography.Text style={{ color: 'rgba(0,0,0,0.72)', fontSize: 13 }}>
              {t('alerts.observedBy', {
                role: t(`roles.${a.observation.filedRole}`, { defaultValue: a.observation.filedRole }),
                level: a.observation.level
                  ? t(`observe.levels.${a.observation.level}`, { defaultValue: a.observation.level })
                  : '—',
                time: formatShortDateTime(a.observation.seenAt, locale),
              })}
            </Typography.Text>
            {a.observation.signs.length > 0 && (
              <div style={{ marginTop: 4 }}>
                {a.observation.signs.map((sg) => t(`observe.sign.${sg}`, { defaultValue: sg })).join('、')}
              </div>
            )}
            {a.observation.text && (
              <blockquote
                style={{
                  margin: '6px 0 0',
                  paddingInlineStart: 10,
                  borderInlineStart: '3px solid #cbd5e1',
                  whiteSpace: 'pre-wrap',
                }}
              >
                {a.observation.text}
              </blockquote>
            )}
          </div>
        )}
        <ul style={{ margin: 0, paddingInlineStart: 20, lineHeight: 1.7 }} data-testid="alert-reasons">
          {a.reasons.map((r, i) => (
            <li key={i}>
              <span>{r.text}</span>
              {r.itemText && (
                <div style={{ color: 'rgba(0,0,0,0.68)', fontSize: 13 }}>
                  {t('alerts.item', { instrument: r.instrument ?? '', item: r.item ?? '', text: r.itemText })}
                </div>
              )}
            </li>
          ))}
        </ul>
        {a.acknowledgedBy && (
          <Typography.Text style={{ color: 'rgba(0,0,0,0.68)' }}>
            {t('alerts.acknowledgedBy', {
              name: a.acknowledgedBy.name,
              time: formatShortDateTime(a.acknowledgedAt, locale),
            })}
          </Typography.Text>
        )}
        <Flex gap={8} wrap>
          {a.status === 'open' && can('alert.acknowledge') && (
            // Ant's default danger red gives white text 3.3:1; the queue's crisis red passes AA.
            <ConfigProvider
              theme={{ token: { colorError: '#be123c', colorErrorHover: '#9f1239', colorErrorActive: '#881337' } }}
            >
              <Button
                type="primary"
                danger={crisis}
                icon={<CheckOutlined aria-hidden />}
                loading={busy}
                onClick={() => void acknowledge()}
                data-testid="alert-ack"
                aria-label={t('alerts.ackLabel', { name: a.studentName })}
              >
                {t('alerts.ack')}
              </Button>
            </ConfigProvider>
          )}
          {a.responseId && can('response.read') && (
            <Link to={`/screening/results/${encodeURIComponent(a.responseId)}`}>
              <FileSearchOutlined aria-hidden /> {t('alerts.openResponse')}
            </Link>
          )}
          {can('tier.review') && (
            <Link
              to={
                a.tierAssessmentId
                  ? `/tiers/review?assessment=${encodeURIComponent(a.tierAssessmentId)}`
                  : '/tiers/review'
              }
              data-testid="alert-review"
            >
              <SafetyCertificateOutlined aria-hidden /> {t('alerts.openReview')}
            </Link>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}

/** The school's alert queue: open first, crisis first, by deadline; each with its plain explanation. */
export default function AlertsPage() {
  const { t } = useTranslation();
  const { get, getInt, update } = useQueryParams();
  const status = (get('status') ?? 'open') as AlertStatus | 'all';
  const urgency = get('urgency') as AlertUrgency | undefined;
  const page = getInt('page', 1);
  const [patched, setPatched] = useState<Record<string, AlertView>>({});
  const { data, error, loading, reload } = useAsync(
    (signal) =>
      screeningApi.alerts({ status: status === 'all' ? undefined : status, urgency, page, pageSize: 20 }, signal),
    [status, urgency, page],
  );
  // A new or escalated alert is pushed to the open page, so a crisis shows without 刷新.
  useNotificationStream((e) => {
    if (e.type === 'notification' && e.alertId) reload();
  });
  const items = (data?.items ?? []).map((a) => patched[a.id] ?? a);

  return (
    <>
      <PageHeading title={t('alerts.title')} extra={<Button onClick={reload}>{t('common.refresh')}</Button>} />
      <Typography.Paragraph style={{ maxWidth: 760, color: 'rgba(0,0,0,0.72)' }}>
        {t('alerts.intro')}
      </Typography.Paragraph>
      <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 0 } }}>
        <Form layout="vertical" component="div" style={{ display: 'flex', flexWrap: 'wrap', columnGap: 16 }}>
          <Form.Item label={t('alerts.filterStatus')} htmlFor="alerts-status" style={{ minWidth: 160 }}>
            <Select
              id="alerts-status"
              value={status}
              options={[
                ...STATUSES.map((s) => ({ value: s, label: t(`alerts.status.${s}`) })),
                { value: 'all', label: t('common.all') },
              ]}
              onChange={(v: string) => update({ status: v === 'open' ? undefined : v, page: undefined })}
            />
          </Form.Item>
          <Form.Item label={t('alerts.filterUrgency')} htmlFor="alerts-urgency" style={{ minWidth: 160 }}>
            <Select
              id="alerts-urgency"
              value={urgency}
              allowClear
              placeholder={t('common.all')}
              options={URGENCIES.map((u) => ({ value: u, label: t(`alerts.urgency.${u}`) }))}
              onChange={(v?: string) => update({ urgency: v, page: undefined })}
            />
          </Form.Item>
        </Form>
      </Card>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Card data-testid="alerts-empty">
          <Empty description={t('alerts.empty')} />
        </Card>
      ) : (
        <Flex vertical gap={12}>
          {items.map((a) => (
            <AlertCard key={a.id} a={a} onAcknowledged={(next) => setPatched((p) => ({ ...p, [next.id]: next }))} />
          ))}
          {(data?.total ?? 0) > 20 && (
            <Pagination
              current={page}
              pageSize={20}
              total={data?.total ?? 0}
              showSizeChanger={false}
              onChange={(p) => update({ page: p === 1 ? undefined : p })}
            />
          )}
        </Flex>
      )}
    </>
  );
}
