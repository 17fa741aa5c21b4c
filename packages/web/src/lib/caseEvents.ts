import type { TimelineEvent } from '../api/cases';

type T = (key: string, options?: Record<string, unknown>) => string;

/**
 * The title of a case timeline entry. Entries that record a decision say what was decided: the leader's
 * 研判 names its outcome (it once read only "领导研判"), a conference says whether the leader held it.
 */
export function describeCaseEvent(t: T, e: Pick<TimelineEvent, 'type' | 'payload'>): string {
  if (e.type === 'state_changed')
    return t('cases.event.state_changed', { to: t(`cases.state.${String(e.payload.to)}`) });
  if (e.type.startsWith('action.')) return t(`cases.action.${e.type.slice(7)}`);
  if (e.type === 'leader_review' && typeof e.payload.outcome === 'string')
    return t('cases.event.leader_review_outcome', { outcome: t(`cases.outcome.${e.payload.outcome}`) });
  if (e.type === 'conference' && e.payload.by === 'leader') return t('cases.event.leader_conference');
  const hospital = typeof e.payload.hospital === 'string' ? e.payload.hospital : '';
  return t(`cases.event.${e.type}`, { defaultValue: e.type, hospital });
}
