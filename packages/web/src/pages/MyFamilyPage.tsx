import { useState } from 'react';
import { ClockCircleOutlined, MedicineBoxOutlined } from '@ant-design/icons-svg';
import { useTranslation } from 'react-i18next';
import { familyApi, type MyLecture, type MyReferral } from '../api/family';
import PageHeading from '../components/PageHeading';
import StatusTag, { type Tone } from '../components/StatusTag';
import ConfirmDialog from '../components/light/ConfirmDialog';
import Icon from '../components/light/Icon';
import LoadError from '../components/light/LoadError';
import { toast, useLightReportError } from '../components/light/toast';
import { Button, Card, Empty, Skeleton } from '../components/light/ui';
import { useAsync } from '../hooks/useAsync';
import { currentLocale } from '../i18n';
import { useFamilyT } from '../i18n/family';
import { formatShortDateTime } from '../lib/format';

const TONE: Record<MyReferral['state'], Tone> = { waiting: 'warn', refused: 'neutral', consented: 'good' };

/** One referral of the guardian's child: the hospital, the consent text, and the guardian's decision. */
function ReferralCard({ r, onChanged }: { r: MyReferral; onChanged: () => void }) {
  const tf = useFamilyT();
  const { t } = useTranslation();
  const reportError = useLightReportError();
  const locale = currentLocale();
  const [busy, setBusy] = useState<'granted' | 'refused' | null>(null);
  const [confirming, setConfirming] = useState(false);

  const decide = async (consent: boolean) => {
    setBusy(consent ? 'granted' : 'refused');
    try {
      const res = await familyApi.decide(r.id, { consent });
      toast.success(tf(`done.${res.decision}`));
      setConfirming(false);
      onChanged();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card data-testid="referral-card" className="yx-stack">
      <div className="yx-card-head">
        <h3 style={{ fontSize: 17, margin: 0, lineHeight: 1.5 }}>
          <Icon icon={MedicineBoxOutlined} /> {tf('referralTitle', { hospital: r.hospitalName })}
        </h3>
        <StatusTag tone={TONE[r.state]}>{tf(`state.${r.state}`)}</StatusTag>
      </div>
      <span>{tf('aboutChild', { name: r.student.name, school: r.schoolName })}</span>
      <span className="yx-muted">
        <Icon icon={ClockCircleOutlined} /> {tf('proposedAt', { time: formatShortDateTime(r.createdAt, locale) })}
        {r.fastTrack ? ` · ${tf('fastTrack')}` : ''}
      </span>
      <div>
        <strong>{tf('consentText')}</strong>
        <p style={{ whiteSpace: 'pre-wrap', lineHeight: 1.8, margin: '4px 0 0' }} data-testid="referral-consent-text">
          {r.consentText}
        </p>
      </div>
      {r.decidedAt && (
        <span className="yx-muted">{tf('decidedAt', { time: formatShortDateTime(r.decidedAt, locale) })}</span>
      )}
      {r.state === 'waiting' && (
        <div className="yx-row" style={{ gap: 12, flexWrap: 'wrap' }}>
          <Button
            variant="primary"
            size="large"
            style={{ flex: 1, minHeight: 48, minWidth: 120 }}
            loading={busy === 'granted'}
            onClick={() => void decide(true)}
            data-testid="referral-consent"
          >
            {tf('consent')}
          </Button>
          <Button
            size="large"
            style={{ flex: 1, minHeight: 48, minWidth: 120 }}
            loading={busy === 'refused'}
            onClick={() => setConfirming(true)}
            data-testid="referral-refuse"
          >
            {tf('refuse')}
          </Button>
        </div>
      )}
      {r.state === 'refused' && (
        <Button
          style={{ alignSelf: 'flex-start', minHeight: 44 }}
          loading={busy === 'granted'}
          onClick={() => void decide(true)}
          data-testid="referral-consent"
        >
          {tf('consentAfterAll')}
        </Button>
      )}
      <ConfirmDialog
        open={confirming}
        title={tf('refuseTitle')}
        text={tf('refuseText')}
        confirmLabel={tf('refuse')}
        cancelLabel={t('common.cancel')}
        busy={busy === 'refused'}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void decide(false)}
        confirmTestId="referral-refuse-confirm"
      />
    </Card>
  );
}

function Referrals() {
  const tf = useFamilyT();
  const { data, error, loading, reload } = useAsync((signal) => familyApi.referrals(signal), []);
  const items = data?.items ?? [];
  return (
    <section aria-labelledby="referrals-title" style={{ marginBottom: 24 }}>
      <h2 id="referrals-title" style={{ fontSize: 18, margin: '0 0 12px' }}>
        {tf('referrals')}
      </h2>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Skeleton />
      ) : items.length === 0 ? (
        <Card>
          <Empty>{tf('referralsEmpty')}</Empty>
        </Card>
      ) : (
        <div className="yx-stack" style={{ gap: 12 }}>
          {items.map((r) => (
            <ReferralCard key={r.id} r={r} onChanged={reload} />
          ))}
        </div>
      )}
    </section>
  );
}

/** A parent-school lecture: when, how long, and the guardian's own "I attended". */
function LectureCard({ l, onChanged }: { l: MyLecture; onChanged: () => void }) {
  const tf = useFamilyT();
  const reportError = useLightReportError();
  const locale = currentLocale();
  const [busy, setBusy] = useState(false);
  const attend = async () => {
    setBusy(true);
    try {
      await familyApi.attend(l.id);
      toast.success(tf('attendedDone'));
      onChanged();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card data-testid="lecture-card" className="yx-stack">
      <div className="yx-card-head">
        <h3 style={{ fontSize: 17, margin: 0, lineHeight: 1.5 }}>{l.title}</h3>
        {l.attended && <StatusTag tone="good">{tf('attended')}</StatusTag>}
      </div>
      <span className="yx-muted">
        <Icon icon={ClockCircleOutlined} />{' '}
        {tf('lectureWhen', { time: formatShortDateTime(l.heldAt, locale), hours: l.hours })}
      </span>
      {l.held && !l.attended && (
        <Button
          style={{ alignSelf: 'flex-start', minHeight: 44 }}
          loading={busy}
          onClick={() => void attend()}
          data-testid="lecture-attend"
        >
          {tf('attend')}
        </Button>
      )}
    </Card>
  );
}

function Lectures() {
  const tf = useFamilyT();
  const { data, error, loading, reload } = useAsync((signal) => familyApi.lectures(signal), []);
  const items = data?.items ?? [];
  return (
    <section aria-labelledby="lectures-title" style={{ marginBottom: 24 }}>
      <h2 id="lectures-title" style={{ fontSize: 18, margin: '0 0 12px' }}>
        {tf('lectures')}
      </h2>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Skeleton />
      ) : items.length === 0 ? (
        <Card>
          <Empty>{tf('lecturesEmpty')}</Empty>
        </Card>
      ) : (
        <div className="yx-stack" style={{ gap: 12 }}>
          <span className="yx-muted" data-testid="lecture-hours">
            {tf('certificateHours', { hours: data?.attendedHours ?? 0 })}
          </span>
          {items.map((l) => (
            <LectureCard key={l.id} l={l} onChanged={reload} />
          ))}
        </div>
      )}
    </section>
  );
}

/** 我的家庭: a guardian's phone page — referrals of their children waiting for consent, and the parent school. */
export default function MyFamilyPage() {
  const tf = useFamilyT();
  return (
    <div style={{ maxWidth: 720 }}>
      <PageHeading title={tf('title')} />
      <p className="yx-muted" style={{ marginTop: 0 }}>
        {tf('intro')}
      </p>
      <Referrals />
      <Lectures />
    </div>
  );
}
