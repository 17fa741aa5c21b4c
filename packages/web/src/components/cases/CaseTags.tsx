import '../../i18n/cases';
import { useTranslation } from 'react-i18next';
import type { CaseState, FollowUp } from '../../api/cases';
import StatusTag, { type Tone } from '../StatusTag';

const STATE_TONE: Record<CaseState, Tone> = {
  open: 'warn',
  assessing: 'warn',
  intervening: 'bad',
  referred: 'bad',
  following_up: 'neutral',
  closing: 'warn',
  closed: 'good',
};

export function CaseStateTag({ state }: { state: CaseState }) {
  const { t } = useTranslation();
  return <StatusTag tone={STATE_TONE[state]}>{t(`cases.state.${state}`, { defaultValue: state })}</StatusTag>;
}

const FOLLOW_UP_TONE: Record<FollowUp['status'], Tone> = {
  done: 'good',
  upcoming: 'neutral',
  due: 'warn',
  overdue: 'bad',
  escalated: 'bad',
};

export function FollowUpTag({ status }: { status: FollowUp['status'] }) {
  const { t } = useTranslation();
  return (
    <StatusTag tone={FOLLOW_UP_TONE[status]}>{t(`cases.followUpStatus.${status}`, { defaultValue: status })}</StatusTag>
  );
}

export function RiskTag({ level }: { level: string | null }) {
  const { t } = useTranslation();
  if (!level) return <StatusTag tone="neutral">{t('cases.risk.none')}</StatusTag>;
  return (
    <StatusTag tone={level === 'high' || level === 'imminent' ? 'bad' : level === 'moderate' ? 'warn' : 'neutral'}>
      {t(`cases.risk.${level}`, { defaultValue: level })}
    </StatusTag>
  );
}
