import { sql, type RawBuilder } from 'kysely';

/** What users see: the stored status says only draft / published / cancelled; the window says the rest. */
export type CampaignStatus = 'draft' | 'scheduled' | 'open' | 'closed' | 'cancelled';
export const CAMPAIGN_STATUSES: readonly CampaignStatus[] = ['draft', 'scheduled', 'open', 'closed', 'cancelled'];

export interface CampaignTiming {
  status: 'draft' | 'published' | 'cancelled';
  opens_at: Date;
  closes_at: Date;
}

export function campaignStatus(c: CampaignTiming, now = new Date()): CampaignStatus {
  if (c.status !== 'published') return c.status;
  if (now < c.opens_at) return 'scheduled';
  if (now < c.closes_at) return 'open';
  return 'closed';
}

/** The same rule as SQL over a campaign aliased `alias`, so lists can filter by what users see. */
export function statusCondition(status: CampaignStatus, now: Date, alias = 'c'): RawBuilder<boolean> {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  switch (status) {
    case 'draft':
    case 'cancelled':
      return sql<boolean>`${col('status')} = ${status}`;
    case 'scheduled':
      return sql<boolean>`${col('status')} = 'published' and ${col('opens_at')} > ${now}`;
    case 'open':
      return sql<boolean>`${col('status')} = 'published' and ${col('opens_at')} <= ${now} and ${col('closes_at')} > ${now}`;
    case 'closed':
      return sql<boolean>`${col('status')} = 'published' and ${col('closes_at')} <= ${now}`;
  }
}
