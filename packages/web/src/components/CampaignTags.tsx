import { useTranslation } from 'react-i18next';
import StatusTag, { type Tone } from './StatusTag';

const STATUS_TONE: Record<string, Tone> = {
  draft: 'neutral',
  scheduled: 'warn',
  open: 'good',
  closed: 'neutral',
  cancelled: 'bad',
};

export function CampaignStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <StatusTag tone={STATUS_TONE[status] ?? 'neutral'}>
      {t(`campaigns.status.${status}`, { defaultValue: status })}
    </StatusTag>
  );
}
