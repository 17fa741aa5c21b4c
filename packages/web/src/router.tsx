import type { ComponentType } from 'react';
import { createBrowserRouter, Outlet } from 'react-router-dom';
import type { CrumbHandle } from './components/AppBreadcrumb';
import { GuestOnly, RequireAuth, RequireNav } from './components/guards';
import FullPageSpin from './components/FullPageSpin';
import type { NavKey } from './lib/nav';
import { prefetch } from './lib/prefetch';
import { screeningApi } from './api/screening';

type PageModule = { default: ComponentType };

/**
 * A lazily loaded page, behind the nav key that grants it (if any). Pages built with Ant Design get its theme
 * and message context (AntdRoot), loaded beside them; the student path's pages are `light` and load none.
 */
function page(load: () => Promise<PageModule>, navKey?: NavKey, light = false) {
  return async () => {
    const [{ default: Page }, root] = await Promise.all([load(), light ? null : import('./components/AntdRoot')]);
    const Guarded = navKey
      ? () => (
          <RequireNav navKey={navKey}>
            <Page />
          </RequireNav>
        )
      : Page;
    if (!root) return { Component: Guarded };
    const Root = root.default;
    return {
      Component: () => (
        <Root>
          <Guarded />
        </Root>
      ),
    };
  };
}

/** A page of the student and guardian path: no Ant Design. */
const lightPage = (load: () => Promise<PageModule>, navKey?: NavKey) => page(load, navKey, true);

const crumb = (key: string): CrumbHandle => ({ crumb: key });

/**
 * Starts a student page's data request with the route (see lib/prefetch); the page claims it by `key`.
 * Signed out, it fails like the session request beside it, and the sign-in page follows.
 */
const early = (key: string, load: () => Promise<unknown>) => () => {
  prefetch(key, load);
  return null;
};

export const router = createBrowserRouter([
  {
    path: '/login',
    lazy: async () => {
      const { default: LoginPage } = await import('./pages/LoginPage');
      return {
        Component: () => (
          <GuestOnly>
            <LoginPage />
          </GuestOnly>
        ),
      };
    },
    HydrateFallback: FullPageSpin,
  },
  {
    path: '/two-factor-setup',
    lazy: page(() => import('./pages/TwoFactorSetupPage')),
    HydrateFallback: FullPageSpin,
  },
  {
    path: '/change-password',
    lazy: lightPage(() => import('./pages/ChangePasswordPage')),
    HydrateFallback: FullPageSpin,
  },
  {
    // The questionnaire: a calm page of its own, without the side menu (phones first).
    path: '/my/screenings/:assignmentId',
    loader: ({ params }) =>
      early(`screening:${params.assignmentId}`, () => screeningApi.open(params.assignmentId ?? ''))(),
    lazy: async () => {
      const { default: QuestionnairePage } = await import('./pages/QuestionnairePage');
      return {
        Component: () => (
          <RequireAuth>
            <RequireNav navKey="my-screenings">
              <QuestionnairePage />
            </RequireNav>
          </RequireAuth>
        ),
      };
    },
    HydrateFallback: FullPageSpin,
  },
  {
    path: '/',
    // Signed-in pages: students and guardians get a light shell; staff get the Ant Design shell (side menu,
    // drawer, notifications), loaded after sign-in and only for them.
    lazy: async () => {
      const { default: Shell } = await import('./components/Shell');
      return {
        Component: () => (
          <RequireAuth>
            <Shell />
          </RequireAuth>
        ),
      };
    },
    handle: crumb('nav.home'),
    HydrateFallback: FullPageSpin,
    children: [
      { index: true, lazy: lightPage(() => import('./pages/HomePage')) },
      { path: 'org', handle: crumb('nav.org'), lazy: page(() => import('./pages/OrgPage'), 'org') },
      {
        path: 'org/hospitals',
        handle: crumb('nav.hospitals'),
        lazy: page(() => import('./pages/HospitalsPage'), 'hospitals'),
      },
      {
        path: 'org/school-years',
        handle: crumb('nav.school-years'),
        lazy: page(() => import('./pages/SchoolYearsPage'), 'school-years'),
      },
      {
        // One page per area: /settings opens the first, /settings/:area the one named.
        path: 'settings/:area?',
        handle: crumb('nav.settings'),
        lazy: page(() => import('./pages/SettingsPage'), 'settings'),
      },
      {
        path: 'students',
        handle: crumb('nav.students'),
        element: <Outlet />,
        children: [
          { index: true, lazy: page(() => import('./pages/StudentsPage'), 'students') },
          { path: ':id', handle: crumb('student.title'), lazy: page(() => import('./pages/StudentPage'), 'students') },
          {
            // 一生一档: its strings travel in their own namespace, loaded with the page.
            path: ':id/archive',
            handle: crumb('archive:title'),
            lazy: page(() => import('./pages/ArchivePage'), 'students'),
          },
        ],
      },
      {
        path: 'roster-import',
        handle: crumb('nav.roster-import'),
        lazy: page(() => import('./pages/RosterImportPage'), 'roster-import'),
      },
      {
        path: 'hotline/:view',
        handle: crumb('alerts.source.hotline'),
        lazy: async () => {
          const { default: HotlinePages } = await import('./pages/HotlinePages');
          return { Component: () => <HotlinePages Guard={RequireNav} /> };
        },
      },
      { path: 'accounts', handle: crumb('nav.accounts'), lazy: page(() => import('./pages/AccountsPage'), 'accounts') },
      { path: 'staff', handle: crumb('nav.staff'), lazy: page(() => import('./pages/StaffPage'), 'staff') },
      { path: 'audit', handle: crumb('nav.audit'), lazy: page(() => import('./pages/AuditPage'), 'audit') },
      { path: 'me', handle: crumb('nav.my-profile'), lazy: page(() => import('./pages/MyProfilePage'), 'my-profile') },
      {
        path: 'my/screenings',
        handle: crumb('nav.my-screenings'),
        loader: early('my-screenings', () => screeningApi.mine()),
        lazy: lightPage(() => import('./pages/MyScreeningsPage'), 'my-screenings'),
      },
      {
        path: 'my/wellbeing',
        handle: crumb('nav.my-wellbeing'),
        lazy: page(() => import('./pages/MyWellbeingPage'), 'my-wellbeing'),
      },
      {
        path: 'wellbeing',
        handle: crumb('nav.staff-wellbeing'),
        lazy: page(() => import('./pages/StaffWellbeingPage'), 'staff-wellbeing'),
      },
      {
        path: 'my/mailbox',
        handle: crumb('nav.my-mailbox'),
        lazy: lightPage(() => import('./pages/MyMailboxPage'), 'my-mailbox'),
      },
      { path: 'mailbox', handle: crumb('nav.mailbox'), lazy: page(() => import('./pages/MailboxPage'), 'mailbox') },
      {
        path: 'parent-lectures',
        handle: crumb('nav.parent-lectures'),
        lazy: page(() => import('./pages/ParentLecturesPage'), 'parent-lectures'),
      },
      {
        path: 'my/family',
        handle: crumb('nav.my-family'),
        lazy: lightPage(() => import('./pages/MyFamilyPage'), 'my-family'),
      },
      { path: 'alerts', handle: crumb('nav.alerts'), lazy: page(() => import('./pages/AlertsPage'), 'alerts') },
      {
        path: 'cases',
        handle: crumb('nav.cases'),
        element: <Outlet />,
        children: [
          { index: true, lazy: page(() => import('./pages/CasesPage'), 'cases') },
          { path: ':id', handle: crumb('cases.caseTitle'), lazy: page(() => import('./pages/CasePage'), 'cases') },
        ],
      },
      {
        path: 'follow-ups',
        handle: crumb('nav.follow-ups'),
        lazy: page(() => import('./pages/FollowUpsPage'), 'follow-ups'),
      },
      {
        path: 'referrals',
        handle: crumb('nav.referrals'),
        lazy: page(() => import('./pages/ReferralsPage'), 'referrals'),
      },
      { path: 'sweeps', handle: crumb('nav.sweeps'), lazy: page(() => import('./pages/SweepsPage'), 'sweeps') },
      {
        path: 'case-stats',
        handle: crumb('nav.case-stats'),
        lazy: page(() => import('./pages/CaseStatsPage'), 'case-stats'),
      },
      { path: 'observe', handle: crumb('nav.observe'), lazy: page(() => import('./pages/ObservePage'), 'observe') },
      {
        // The room, its records (counseling/records/:id) and booking: one route, one chunk in the entry.
        path: 'counseling/*',
        handle: crumb('nav.counseling'),
        lazy: page(() => import('./pages/CounselingRoomPage'), 'counseling'),
      },
      {
        path: 'transfers',
        handle: crumb('nav.transfers'),
        lazy: page(() => import('./pages/TransfersPage'), 'transfers'),
      },
      {
        path: 'notifications',
        handle: crumb('notifications.title'),
        lazy: page(() => import('./pages/NotificationsPage')),
      },
      {
        path: 'screening/results',
        handle: crumb('nav.screening-results'),
        element: <Outlet />,
        children: [
          { index: true, lazy: page(() => import('./pages/ResultsPage'), 'screening-results') },
          {
            path: ':responseId',
            handle: crumb('response.title'),
            lazy: page(() => import('./pages/ResponsePage'), 'screening-results'),
          },
        ],
      },
      {
        path: 'tiers/review',
        handle: crumb('nav.tier-review'),
        lazy: page(() => import('./pages/TierReviewPage'), 'tier-review'),
      },
      {
        path: 'class/tiers',
        handle: crumb('nav.class-tiers'),
        lazy: page(() => import('./pages/ClassTiersPage'), 'class-tiers'),
      },
      {
        path: 'campaigns',
        handle: crumb('nav.campaigns'),
        element: <Outlet />,
        children: [
          { index: true, lazy: page(() => import('./pages/CampaignsPage'), 'campaigns') },
          {
            path: 'new',
            handle: crumb('campaignNew.title'),
            lazy: page(() => import('./pages/CampaignNewPage'), 'campaigns'),
          },
          {
            path: ':id',
            handle: crumb('campaignDetail.title'),
            lazy: page(() => import('./pages/CampaignPage'), 'campaigns'),
          },
        ],
      },
      { path: 'reports', handle: crumb('nav.reports'), lazy: page(() => import('./pages/ReportsPage'), 'reports') },
      {
        path: 'supervision',
        handle: crumb('nav.supervision'),
        lazy: page(() => import('./pages/SupervisionPage'), 'supervision'),
      },
      {
        path: 'activities',
        handle: crumb('nav.activities'),
        lazy: page(() => import('./pages/ActivitiesPage'), 'activities'),
      },
      {
        path: 'compliance',
        handle: crumb('nav.compliance'),
        lazy: page(() => import('./pages/CompliancePage'), 'compliance'),
      },
      { path: '*', handle: crumb('notFound.title'), lazy: page(() => import('./pages/NotFoundPage')) },
    ],
  },
]);
