import {
  DEFAULT_DEADLINE_MINUTES,
  deadlineOrderProblems,
  NETWORK_PRESETS,
  type DeadlineMinutes,
  type NetworkLevel,
  type NetworkPreset,
} from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import { readCitySetting, writeCitySetting } from '../settings/city-settings.js';
import type { Locale } from '../http/locale.js';
import type { FieldError } from '../http/problem.js';
import { warningFieldError, wm } from './messages.js';

/** How a city runs its warning network. Stored per city under city_setting key `warning`. */
export interface WarningSettings {
  preset: NetworkPreset | 'custom';
  networkLevels: NetworkLevel[];
  /** Minutes to acknowledge an alert of each urgency before it escalates. */
  deadlineMinutes: DeadlineMinutes;
  /** Channels besides in-app that notifications go out on; each needs an adapter plugged into the app. */
  channels: NotificationChannelName[];
}

export const NOTIFICATION_CHANNELS = ['log', 'sms', 'wechat', 'email'] as const;
export type NotificationChannelName = (typeof NOTIFICATION_CHANNELS)[number];

export const WARNING_PRESETS: Record<NetworkPreset, WarningSettings> = Object.fromEntries(
  (Object.keys(NETWORK_PRESETS) as NetworkPreset[]).map((p) => [
    p,
    {
      preset: p,
      networkLevels: [...NETWORK_PRESETS[p]],
      deadlineMinutes: { ...DEFAULT_DEADLINE_MINUTES },
      channels: ['log'],
    },
  ]),
) as Record<NetworkPreset, WarningSettings>;

export async function getWarningSettings(db: Kysely<Database>, cityId: string): Promise<WarningSettings> {
  const stored = (await readCitySetting<Partial<WarningSettings>>(db, cityId, 'warning')) ?? {};
  return {
    ...WARNING_PRESETS.jinan,
    ...stored,
    deadlineMinutes: { ...DEFAULT_DEADLINE_MINUTES, ...stored.deadlineMinutes },
  };
}

/** What the schema cannot say: the network has a level, and deadlines keep crisis before high before attention. */
export function validateWarningSettings(s: WarningSettings, locale: Locale): FieldError[] {
  const errors: FieldError[] = [];
  if (s.networkLevels.length === 0) errors.push(warningFieldError(locale, '/networkLevels', 'levels.empty'));
  for (const u of deadlineOrderProblems(s.deadlineMinutes)) {
    errors.push(
      warningFieldError(locale, `/deadlineMinutes/${u}`, 'deadline.order', { urgency: wm(`urgency.${u}`, locale) }),
    );
  }
  return errors;
}

export async function saveWarningSettings(db: Kysely<Database>, cityId: string, s: WarningSettings): Promise<void> {
  await writeCitySetting(db, cityId, 'warning', s);
}
