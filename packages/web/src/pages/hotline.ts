// The hotline's pages travel in one chunk: the students' entry then names one file for them, not five.
export { default as HotlineCallsPage } from './HotlineCallsPage';
export { default as HotlineShiftsPage } from './HotlineShiftsPage';
export { default as HotlineReportPage } from './HotlineReportPage';
