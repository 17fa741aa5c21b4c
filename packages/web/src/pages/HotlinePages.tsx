import type { ComponentType, ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import type { NavKey } from '../lib/nav';
import HotlineCallsPage from './HotlineCallsPage';
import HotlineReportPage from './HotlineReportPage';
import HotlineShiftsPage from './HotlineShiftsPage';

const VIEWS: Record<string, [NavKey, ComponentType]> = {
  calls: ['hotline-calls', HotlineCallsPage],
  shifts: ['hotline-shifts', HotlineShiftsPage],
  report: ['hotline-report', HotlineReportPage],
};

/**
 * /hotline/calls, /hotline/shifts and /hotline/report: one lazy route and one chunk, so the students' entry
 * names one import for the hotline. Each view stays behind its own nav key; the router passes its guard in,
 * so this chunk does not pull the guard (and the menu with it) out of the entry.
 */
export default function HotlinePages({ Guard }: { Guard: ComponentType<{ navKey: NavKey; children: ReactNode }> }) {
  const { view = '' } = useParams();
  const [navKey, Page] = VIEWS[view] ?? VIEWS.calls!;
  return (
    <Guard navKey={navKey}>
      <Page />
    </Guard>
  );
}
