import { useTranslation } from 'react-i18next';
import StatusTag, { type Tone } from './StatusTag';

const URGENCY_TONE: Record<string, Tone> = { crisis: 'bad', high: 'warn', attention: 'neutral' };

/** An alert's urgency: crisis in red, high in amber, attention neutral. */
export function UrgencyTag({ urgency }: { urgency: string }) {
  const { t } = useTranslation();
  return (
    <StatusTag tone={URGENCY_TONE[urgency] ?? 'neutral'}>
      {t(`alerts.urgency.${urgency}`, { defaultValue: urgency })}
    </StatusTag>
  );
}

const TIER_TONE: Record<number, Tone> = { 1: 'good', 2: 'warn', 3: 'bad' };

/** A tier (1 development, 2 prevention, 3 intervention), with its name. */
export function TierTag({ tier, testId }: { tier: number | null | undefined; testId?: string }) {
  const { t } = useTranslation();
  if (tier === null || tier === undefined) return <span>—</span>;
  return (
    <span data-testid={testId}>
      <StatusTag tone={TIER_TONE[tier] ?? 'neutral'}>
        {t('tiers.label', { tier, name: t(`tiers.name.${tier}`, { defaultValue: '' }) })}
      </StatusTag>
    </span>
  );
}
