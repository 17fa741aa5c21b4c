import { useState } from 'react';
import { ClockCircleOutlined, FormOutlined } from '@ant-design/icons-svg';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { screeningApi, type MyConsent, type MyScreening } from '../api/screening';
import PageHeading from '../components/PageHeading';
import StatusTag, { type Tone } from '../components/StatusTag';
import ConfirmDialog from '../components/light/ConfirmDialog';
import Icon from '../components/light/Icon';
import LoadError from '../components/light/LoadError';
import { toast, useLightReportError } from '../components/light/toast';
import { Button, Card, Empty, ProgressBar, Skeleton } from '../components/light/ui';
import { useAsync } from '../hooks/useAsync';
import { takePrefetched } from '../lib/prefetch';
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
  const open = () => void navigate(`/my/screenings/${encodeURIComponent(s.id)}`);
  return (
    <Card data-testid="screening-card" className="yx-stack">
      <div className="yx-card-head">
        <h2 style={{ fontSize: 18, margin: 0, lineHeight: 1.5 }}>{s.campaignName}</h2>
        <StatusTag tone={status.tone}>{t(`myScreenings.status.${status.key}`)}</StatusTag>
      </div>
      {s.respondent === 'guardian' && <span>{t('myScreenings.aboutChild', { name: s.student.name })}</span>}
      <span className="yx-muted">
        <Icon icon={ClockCircleOutlined} /> {t('q.window', { window: formatWindow(s.opensAt, s.closesAt, locale) })}
      </span>
      {s.status === 'in_progress' && s.canStart && (
        <ProgressBar
          value={s.progress.answered}
          max={s.progress.total}
          label={t('myScreenings.answered', { answered: s.progress.answered, total: s.progress.total })}
          text={t('myScreenings.answered', { answered: s.progress.answered, total: s.progress.total })}
        />
      )}
      {s.message && <span>{s.message}</span>}
      {s.canStart ? (
        <Button
          variant="primary"
          size="large"
          block
          data-testid="screening-open"
          icon={FormOutlined}
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
    </Card>
  );
}

/** A guardian's decision on a campaign for their child: the notice, what will be asked, agree or not. */
function ConsentCard({ c, onChanged }: { c: MyConsent; onChanged: () => void }) {
  const { t } = useTranslation();
  const reportError = useLightReportError();
  const locale = currentLocale();
  const [busy, setBusy] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const notice = locale === 'en' && c.noticeEn ? c.noticeEn : c.noticeZh;

  const decide = async (decision: 'granted' | 'refused' | 'withdrawn') => {
    setBusy(decision);
    try {
      await screeningApi.recordConsent(c.campaignId, c.student.id, decision);
      toast.success(t(`consent.done.${decision}`));
      setConfirming(false);
      onChanged();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(null);
    }
  };

  const tone: Tone = c.consentStatus === 'granted' ? 'good' : c.consentStatus === 'refused' ? 'neutral' : 'warn';
  return (
    <Card data-testid="consent-card" className="yx-stack">
      <div className="yx-card-head">
        <h3 style={{ fontSize: 17, margin: 0, lineHeight: 1.5 }}>{c.campaignName}</h3>
        <StatusTag tone={tone}>{t(`consent.status.${c.consentStatus}`)}</StatusTag>
      </div>
      <span>{t('myScreenings.aboutChild', { name: c.student.name })}</span>
      <span className="yx-muted">
        <Icon icon={ClockCircleOutlined} /> {t('q.window', { window: formatWindow(c.opensAt, c.closesAt, locale) })}
      </span>
      {notice && <p style={{ whiteSpace: 'pre-wrap', lineHeight: 1.8, margin: 0 }}>{notice}</p>}
      {c.instruments.length > 0 && (
        <div>
          <strong>{t('consent.instruments')}</strong>
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
        <span className="yx-muted">
          {t('consent.last', {
            decision: t(`consent.decision.${c.lastDecision.decision}`),
            time: formatShortDateTime(c.lastDecision.recordedAt, locale),
          })}
        </span>
      )}
      {c.needsDecision || c.consentStatus === 'pending' ? (
        <div className="yx-row" style={{ gap: 12, flexWrap: 'wrap' }}>
          <Button
            variant="primary"
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
        </div>
      ) : c.consentStatus === 'granted' ? (
        <Button
          variant="link"
          style={{ alignSelf: 'flex-start', minHeight: 44 }}
          loading={busy === 'withdrawn'}
          onClick={() => setConfirming(true)}
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
      <ConfirmDialog
        open={confirming}
        title={t('consent.withdrawTitle')}
        text={t('consent.withdrawText')}
        confirmLabel={t('consent.withdraw')}
        cancelLabel={t('common.cancel')}
        busy={busy === 'withdrawn'}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void decide('withdrawn')}
      />
    </Card>
  );
}

function Consents() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useAsync((signal) => screeningApi.myConsents(signal), []);
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (loading && !data) return <Skeleton />;
  const items = data?.items ?? [];
  return (
    <section aria-labelledby="consents-title" style={{ marginBottom: 24 }}>
      <h2 id="consents-title" style={{ fontSize: 18, margin: '0 0 12px' }}>
        {t('consent.title')}
      </h2>
      {items.length === 0 ? (
        <Card>
          <Empty>{t('consent.empty')}</Empty>
        </Card>
      ) : (
        <div className="yx-stack" style={{ gap: 12 }}>
          {items.map((c) => (
            <ConsentCard key={`${c.campaignId}:${c.student.id}`} c={c} onChanged={reload} />
          ))}
        </div>
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
  const { data, error, loading, reload } = useAsync(
    (signal) =>
      takePrefetched<Awaited<ReturnType<typeof screeningApi.mine>>>('my-screenings') ?? screeningApi.mine(signal),
    [],
  );
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
          <Skeleton />
        ) : items.length === 0 ? (
          <Card>
            <Empty>{guardian ? t('myScreenings.emptyGuardian') : t('myScreenings.empty')}</Empty>
          </Card>
        ) : (
          <div className="yx-stack" style={{ gap: 12 }}>
            {items.map((s) => (
              <ScreeningCard key={s.id} s={s} />
            ))}
          </div>
        )}
      </section>
    </div>
  );
}
