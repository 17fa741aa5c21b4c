// The yearly compliance report: English UI strings, same keys as compliance.zh-CN.ts.
import type { ComplianceResources } from './compliance.zh-CN';

const compliance: ComplianceResources = {
  title: 'Compliance report',
  titleOf: '{{unit}} · compliance report {{year}}',
  year: 'Year',
  school: 'School',
  allSchools: 'The whole unit',
  exportPdf: 'Export PDF',
  exportXlsx: 'Export Excel',
  downloaded: 'Downloaded {{filename}}',
  note: 'Built from the audit log and the records it points to: staff accounts and counts only, no student. Viewing and exporting this report is itself recorded in the audit log.',
  none: 'Nothing recorded this year.',
  consentsHeld: 'Guardian consents in force at year end: {{n}}',
  section: {
    access: 'Access to records',
    exports: 'Exports',
    consents: 'Consent',
    disclosures: 'Disclosures',
    retention: 'Retention and deletion',
    accounts: 'Accounts disabled',
    refusals: 'Refused actions',
  },
  col: {
    username: 'Account',
    role: 'Role',
    target: 'Kind of record',
    events: 'Events',
    users: 'People',
    action: 'Action',
    kind: 'Kind',
    decision: 'Decision',
    count: 'Count',
    told: 'Told',
    outcome: 'Outcome',
  },
};
export default compliance;
