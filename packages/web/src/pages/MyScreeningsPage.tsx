import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Progress, Skeleton, Typography } from 'antd';
import { ClockCircleOutlined, FormOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { screeningApi, type MyConsent, type MyScreening } from '../api/screening';
import PageHeading from '../components/PageHeading';
import { LoadError } from '../components/Results';
import StatusTag, { type Tone } from '../components/StatusTag';
import { useAsync } from '../hooks/useAsync';
import { useReportError } from '../hooks/useReportError';
import { currentLocale } from '../i18n';
import { formatShortDateTime, formatWindow } from '../lib/format';
import { useCan } from '../session/useCan';
import { useSignedIn } from '../session/useSession';

function statusOf(s: MyScreening): { key: string; tone: Tone } {
  if (s.status === 'completed') return { key: 'completed', tone: 'good' };
  if (s.status === 'declined') return { key: 'declined', tone: 'neutral' };
  if (s.consent === 'pending') return { key: 'consentPending', tone: 'warn' };
  if (!s.canStart) return { key: 'unavailable', tone: 'neutral' };
  if (s.status === 'in_progress') return { key: 'inProgress', tone: 'warn' };
  return { key: 'pending', tone: 'neutral' };
}

function ScreeningCard({ s }: { s: MyScreening }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const locale = currentLocale();
  const status = statusOf(s);
  const percent = s.progress.total ? Math.round((s.progress.answered / s.progress.total) * 100) : 0;
  const open = () => navigate(`/my/screenings/${encodeURIComponent(s.id)}`);
  return (
    <Card data-testid="screening-card" styles={{ body: { padding: 18 } }}>
      <Flex vertical gap={10}>
        <Flex justify="space-between" align="start" gap={8} wrap>
          <h2 style={{ fontSize: 18, margin: 0, lineHeight: 1.5 }}>{s.campaignName}</h2>
          <StatusTag tone={status.tone}>{t(`myScreenings.status.${status.key}`)}</StatusTag>
        </Flex>
        {s.respondent === 'guardian' && (
          <Typography.Text>{t('myScreenings.aboutChild', { name: s.student.name })}</Typography.Text>
        )}
        <Typography.Text style={{ color: 'rgba(0,0,0,0.68)' }}>
          <ClockCircleOutlined aria-hidden /> {t('q.window', { window: formatWindow(s.opensAt, s.closesAt, locale) })}
        </Typography.Text>
        {s.status === 'in_progress' && s.canStart && (
          <Progress
            percent={percent}
            size="small"
            aria-label={t('myScreenings.answered', { answered: s.progress.answered, total: s.progress.total })}
            format={() => t('myScreenings.answered', { answered: s.progress.answered, total: s.progress.total })}
          />
        )}
        {s.message && <Typography.Text>{s.message}</Typography.Text>}
        {s.canStart ? (
          <Button
            type="primary"
            size="large"
            block
            data-testid="screening-open"
            icon={<FormOutlined aria-hidden />}
            onClick={open}
            style={{ minHeight: 48 }}
          >
            {s.status === 'in_progress' ? t('myScreenings.continue') : t('myScreenings.open')}
          </Button>
        ) : s.status === 'declined' ? (
          <Button size="large" block onClick={open} style={{ minHeight: 48 }}>
            {t('myScreenings.view')}
          </Button>
        ) : null}
      </Flex>
    </Card>
  );
}

/** A guardian's decision on a campaign for their child: the notice, what will be asked, agree or not. */
function ConsentCard({ c, onChanged }: { c: MyConsent; onChanged: () => void }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const reportError = useReportError();
  const locale = currentLocale();
  const [busy, setBusy] = useState<string | null>(null);
  const notice = locale === 'en' && c.noticeEn ? c.noticeEn : c.noticeZh;

  const decide = async (decision: 'granted' | 'refused' | 'withdrawn') => {
    setBusy(decision);
    try {
      await screeningApi.recordConsent(c.campaignId, c.student.id, decision);
      void message.success(t(`consent.done.${decision}`));
      onChanged();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(null);
    }
  };
  const confirmWithdraw = () =>
    modal.confirm({
      title: t('consent.withdrawTitle'),
      content: t('consent.withdrawText'),
      okText: t('consent.withdraw'),
      cancelText: t('common.cancel'),
      onOk: () => decide('withdrawn'),
    });

  const tone: Tone = c.consentStatus === 'granted' ? 'good' : c.consentStatus === 'refused' ? 'neutral' : 'warn';
  return (
    <Card data-testid="consent-card" styles={{ body: { padding: 18 } }}>
      <Flex vertical gap={10}>
        <Flex justify="space-between" align="start" gap={8} wrap>
          <h3 style={{ fontSize: 17, margin: 0, lineHeight: 1.5 }}>{c.campaignName}</h3>
          <StatusTag tone={tone}>{t(`consent.status.${c.consentStatus}`)}</StatusTag>
        </Flex>
        <Typography.Text>{t('myScreenings.aboutChild', { name: c.student.name })}</Typography.Text>
        <Typography.Text style={{ color: 'rgba(0,0,0,0.68)' }}>
          <ClockCircleOutlined aria-hidden /> {t('q.window', { window: formatWindow(c.opensAt, c.closesAt, locale) })}
        </Typography.Text>
        {notice && <p style={{ whiteSpace: 'pre-wrap', lineHeight: 1.8, margin: 0 }}>{notice}</p>}
        {c.instruments.length > 0 && (
          <div>
            <Typography.Text strong>{t('consent.instruments')}</Typography.Text>
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
              {c.instruments.map((i) => (
                <li key={`${i.code}-${i.respondent}`}>
                  {locale === 'en' ? i.name.en : i.name.zh}
                  {i.respondent === 'guardian' ? ` ${t('consent.byGuardian')}` : ''}
                </li>
              ))}
            </ul>
          </div>
        )}
        {c.lastDecision && (
          <Typography.Text style={{ color: 'rgba(0,0,0,0.68)' }}>
            {t('consent.last', {
              decision: t(`consent.decision.${c.lastDecision.decision}`),
              time: formatShortDateTime(c.lastDecision.recordedAt, locale),
            })}
          </Typography.Text>
        )}
        {c.needsDecision || c.consentStatus === 'pending' ? (
          <Flex gap={12} wrap>
            <Button
              type="primary"
              size="large"
              style={{ flex: 1, minHeight: 48, minWidth: 120 }}
              loading={busy === 'granted'}
              onClick={() => void decide('granted')}
              data-testid="consent-grant"
            >
              {t('consent.grant')}
            </Button>
            <Button
              size="large"
              style={{ flex: 1, minHeight: 48, minWidth: 120 }}
              loading={busy === 'refused'}
              onClick={() => void decide('refused')}
              data-testid="consent-refuse"
            >
              {t('consent.refuse')}
            </Button>
          </Flex>
        ) : c.consentStatus === 'granted' ? (
          <Button
            type="link"
            style={{ alignSelf: 'flex-start', paddingInline: 0, minHeight: 44 }}
            loading={busy === 'withdrawn'}
            onClick={confirmWithdraw}
            data-testid="consent-withdraw"
          >
            {t('consent.withdraw')}
          </Button>
        ) : c.consentStatus === 'refused' ? (
          <Button
            style={{ alignSelf: 'flex-start', minHeight: 44 }}
            loading={busy === 'granted'}
            onClick={() => void decide('granted')}
            data-testid="consent-grant"
          >
            {t('consent.grantAfterAll')}
          </Button>
        ) : null}
      </Flex>
    </Card>
  );
}

function Consents() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useAsync((signal) => screeningApi.myConsents(signal), []);
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (loading && !data) return <Skeleton active />;
  const items = data?.items ?? [];
  return (
    <section aria-labelledby="consents-title" style={{ marginBottom: 24 }}>
      <h2 id="consents-title" style={{ fontSize: 18, margin: '0 0 12px' }}>
        {t('consent.title')}
      </h2>
      {items.length === 0 ? (
        <Card>
          <Empty description={t('consent.empty')} />
        </Card>
      ) : (
        <Flex vertical gap={12}>
          {items.map((c) => (
            <ConsentCard key={`${c.campaignId}:${c.student.id}`} c={c} onChanged={reload} />
          ))}
        </Flex>
      )}
    </section>
  );
}

/** A student's (or guardian's) open questionnaires; a guardian also decides on consent here. */
export default function MyScreeningsPage() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const can = useCan();
  const guardian = session.user.kind === 'guardian';
  const { data, error, loading, reload } = useAsync((signal) => screeningApi.mine(signal), []);
  const items = data?.items ?? [];

  return (
    <div style={{ maxWidth: 720 }}>
      <PageHeading title={t('myScreenings.title')} />
      {guardian && can('consent.record') && <Consents />}
      <section aria-labelledby="forms-title">
        {guardian && (
          <h2 id="forms-title" style={{ fontSize: 18, margin: '0 0 12px' }}>
            {t('myScreenings.guardianForms')}
          </h2>
        )}
        {!guardian && (
          <h2 id="forms-title" className="yx-visually-hidden">
            {t('myScreenings.title')}
          </h2>
        )}
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : loading && !data ? (
          <Skeleton active />
        ) : items.length === 0 ? (
          <Card>
            <Empty description={guardian ? t('myScreenings.emptyGuardian') : t('myScreenings.empty')} />
          </Card>
        ) : (
          <Flex vertical gap={12}>
            {items.map((s) => (
              <ScreeningCard key={s.id} s={s} />
            ))}
          </Flex>
        )}
      </section>
    </div>
  );
}
