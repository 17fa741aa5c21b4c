import { CHINA_TIME_ZONE } from '@yuxin/core';
import type { Locale } from '../api/types';

/**
 * An ISO timestamp as date and time in China time (the cities served are in China), in the one style of
 * each language: "2026年12月4日 23:17" / "4 Dec 2026 23:17"; audit views add the seconds.
 */
export function formatDateTime(
  iso: string | null | undefined,
  locale: Locale,
  { seconds = false }: { seconds?: boolean } = {},
): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const { hour, minute, second } = parts(d);
  const time = [hour, minute, ...(seconds ? [second] : [])].map((n) => String(n).padStart(2, '0')).join(':');
  return `${dayText(d, locale, true)} ${time}`;
}

export function formatNumber(n: number | null | undefined, locale: Locale): string {
  return typeof n === 'number' ? n.toLocaleString(locale) : '';
}

function parts(d: Date) {
  const p = new Intl.DateTimeFormat('en-US', {
    timeZone: CHINA_TIME_ZONE,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (type: string) => Number(p.find((x) => x.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function dayText(d: Date, locale: Locale, withYear = false): string {
  const { year, month, day } = parts(d);
  const showYear = withYear || year !== parts(new Date()).year;
  if (locale === 'en') return `${day} ${MONTHS_EN[month - 1]}${showYear ? ` ${year}` : ''}`;
  return `${showYear ? `${year}年` : ''}${month}月${day}日`;
}

/** A short date and time in China time: "11月22日 08:00" / "22 Nov 08:00" (the year only when not this year). */
export function formatShortDateTime(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const { hour, minute } = parts(d);
  return `${dayText(d, locale)} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/**
 * An answering window. Windows from midnight to midnight read as days ("11月22日 – 12月21日", the last
 * day included); others with their times.
 */
export function formatWindow(from: string, to: string, locale: Locale): string {
  const a = new Date(from);
  const b = new Date(to);
  if (Number.isNaN(a.getTime()) || Number.isNaN(b.getTime())) return `${from} – ${to}`;
  const midnight = (d: Date) => {
    const p = parts(d);
    return p.hour === 0 && p.minute === 0;
  };
  if (midnight(a) && midnight(b)) return `${dayText(a, locale)} – ${dayText(new Date(b.getTime() - 1), locale)}`;
  return `${formatShortDateTime(from, locale)} – ${formatShortDateTime(to, locale)}`;
}

/** A calendar day in China time, with its year: "2026年12月4日" / "4 Dec 2026". */
export function formatDate(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dayText(d, locale, true);
}
