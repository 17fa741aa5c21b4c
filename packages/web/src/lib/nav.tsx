import {
  AlertOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  CoffeeOutlined,
  MedicineBoxOutlined,
  SolutionOutlined,
  UnorderedListOutlined,
  ApartmentOutlined,
  AuditOutlined,
  CheckSquareOutlined,
  EyeOutlined,
  FundOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  FormOutlined,
  HeartOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  ScheduleOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UploadOutlined,
  UserOutlined,
} from '@ant-design/icons-svg';
import type { IconDefinition } from '@ant-design/icons-svg/lib/types';

/** The navigation keys the web knows; any other key in `session.nav` is ignored. */
export const NAV_KEYS = [
  'home',
  'my-profile',
  'my-screenings',
  'my-wellbeing',
  'my-family',
  'my-mailbox',
  'alerts',
  'cases',
  'follow-ups',
  'referrals',
  'sweeps',
  'case-stats',
  'observe',
  'counseling',
  'mailbox',
  'transfers',
  'tier-review',
  'screening-results',
  'class-tiers',
  'campaigns',
  'reports',
  'supervision',
  'activities',
  'parent-lectures',
  'compliance',
  'hotline-calls',
  'hotline-shifts',
  'hotline-report',
  'staff-wellbeing',
  'org',
  'hospitals',
  'school-years',
  'settings',
  'students',
  'roster-import',
  'accounts',
  'staff',
  'audit',
] as const;
export type NavKey = (typeof NAV_KEYS)[number];

export const NAV_PATHS: Record<NavKey, string> = {
  home: '/',
  org: '/org',
  hospitals: '/org/hospitals',
  'school-years': '/org/school-years',
  settings: '/settings',
  students: '/students',
  'roster-import': '/roster-import',
  accounts: '/accounts',
  staff: '/staff',
  audit: '/audit',
  'my-profile': '/me',
  'my-screenings': '/my/screenings',
  'my-wellbeing': '/my/wellbeing',
  'my-family': '/my/family',
  'my-mailbox': '/my/mailbox',
  mailbox: '/mailbox',
  counseling: '/counseling',
  transfers: '/transfers',
  alerts: '/alerts',
  cases: '/cases',
  'follow-ups': '/follow-ups',
  referrals: '/referrals',
  sweeps: '/sweeps',
  'case-stats': '/case-stats',
  observe: '/observe',
  'screening-results': '/screening/results',
  'tier-review': '/tiers/review',
  'class-tiers': '/class/tiers',
  campaigns: '/campaigns',
  reports: '/reports',
  supervision: '/supervision',
  activities: '/activities',
  'parent-lectures': '/parent-lectures',
  compliance: '/compliance',
  'hotline-calls': '/hotline/calls',
  'hotline-shifts': '/hotline/shifts',
  'hotline-report': '/hotline/report',
  'staff-wellbeing': '/wellbeing',
};

/** Each page's icon, as SVG data (components/light/Icon draws it). */
export const NAV_ICONS: Record<NavKey, IconDefinition> = {
  home: HomeOutlined,
  org: ApartmentOutlined,
  hospitals: MedicineBoxOutlined,
  'school-years': CalendarOutlined,
  // An icon the bundle already carries: the student path's budget has no room for another.
  settings: FormOutlined,
  students: TeamOutlined,
  'roster-import': UploadOutlined,
  accounts: KeyOutlined,
  staff: IdcardOutlined,
  audit: AuditOutlined,
  'my-profile': UserOutlined,
  'my-screenings': FormOutlined,
  'my-wellbeing': HeartOutlined,
  'my-family': TeamOutlined,
  // Icons the student path already bundles (vite.config.ts).
  'my-mailbox': CoffeeOutlined,
  mailbox: CoffeeOutlined,
  counseling: ScheduleOutlined,
  // An icon of the shared set (vite.config.ts lists what the student path bundles).
  transfers: SolutionOutlined,
  alerts: AlertOutlined,
  cases: SolutionOutlined,
  'follow-ups': CarryOutOutlined,
  referrals: MedicineBoxOutlined,
  sweeps: UnorderedListOutlined,
  'case-stats': BarChartOutlined,
  observe: EyeOutlined,
  'screening-results': FileSearchOutlined,
  'tier-review': SafetyCertificateOutlined,
  'class-tiers': HeartOutlined,
  campaigns: ScheduleOutlined,
  reports: FundOutlined,
  supervision: CheckSquareOutlined,
  activities: CalendarOutlined,
  'parent-lectures': CalendarOutlined,
  compliance: FileProtectOutlined,
  'hotline-calls': SolutionOutlined,
  'hotline-shifts': ScheduleOutlined,
  'hotline-report': BarChartOutlined,
  'staff-wellbeing': TeamOutlined,
};

/**
 * Screening pages the web also shows from `session.can` while the server does not list their key in
 * `session.nav` yet: the key appears when the user holds one of these actions somewhere.
 */
const NAV_ACTIONS: Partial<Record<NavKey, readonly string[]>> = {
  'my-screenings': ['screening.take'],
  alerts: ['alert.read'],
  observe: ['observation.file'],
  'tier-review': ['tier.review'],
  'screening-results': ['response.read'],
  'class-tiers': ['tier.read'],
  campaigns: ['campaign.read'],
  reports: ['report.read'],
  supervision: ['supervision.read'],
};

export function isNavKey(k: string): k is NavKey {
  return (NAV_KEYS as readonly string[]).includes(k);
}

/** The session's nav keys that this web can show, in the server's order. */
export function knownNav(nav: readonly string[]): NavKey[] {
  return nav.filter(isNavKey);
}

/** `session.nav`, plus the screening keys `session.can` grants that the server has not listed (appended). */
export function effectiveNav(session: { nav: readonly string[]; can?: readonly string[] }): NavKey[] {
  const keys = knownNav(session.nav);
  const can = new Set(session.can ?? []);
  for (const k of NAV_KEYS) {
    const needs = NAV_ACTIONS[k];
    if (needs && !keys.includes(k) && needs.some((a) => can.has(a))) keys.push(k);
  }
  return keys;
}

/** The nav key whose page contains `pathname` (the longest matching path wins). */
export function navKeyForPath(pathname: string): NavKey | undefined {
  if (pathname === '/') return 'home';
  let best: NavKey | undefined;
  for (const k of NAV_KEYS) {
    if (k === 'home') continue;
    const p = NAV_PATHS[k];
    if ((pathname === p || pathname.startsWith(`${p}/`)) && (!best || p.length > NAV_PATHS[best].length)) best = k;
  }
  return best;
}
