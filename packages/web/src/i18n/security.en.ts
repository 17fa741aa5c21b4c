// Two-step verification and four-eyes grants: English UI strings, same keys as security.zh-CN.ts.
import type { SecurityResources } from './security.zh-CN';

const security: SecurityResources = {
  codeTitle: 'Two-step verification',
  codeIntro:
    'Enter the 6-digit code your authenticator app (e.g. Google Authenticator, Microsoft Authenticator) shows.',
  code: 'Code',
  codePlaceholder: '6 digits, or a recovery code',
  codeHelp: 'Phone not at hand? Enter one of your recovery codes; each works once.',
  codeSubmit: 'Verify',
  codeFailedTitle: 'Verification failed',
  signOut: 'Sign out and use another account',
  setupTitle: 'Set up two-step verification',
  setupIntro:
    'Your account can see students’ mental-health information or runs the system, so signing in needs a code from an authenticator app as well as your password. Nothing else is available until this is set up.',
  setupScan: '1. Scan the QR code with your authenticator app',
  qrLabel: 'QR code for your authenticator app to scan',
  setupManual: 'Cannot scan? Enter the key by hand:',
  setupManualLabel: 'Key',
  setupCode: '2. Enter the 6-digit code the app shows to finish',
  setupConfirm: 'Finish setup',
  setupLoading: 'Creating a key…',
  recoveryTitle: 'Save your recovery codes',
  recoveryIntro:
    'If you lose or change your phone, sign in with one of these codes instead. Each works once and they are shown only now: write them down or print them and keep them safe.',
  recoveryDone: 'I have saved them, continue',
  copy: 'Copy',
  copied: 'Copied',
  pendingTitle: 'Role grants awaiting approval',
  pendingIntro:
    'Roles that read psychological data take effect only when a second person approves them: the school leader for school roles, the district centre for district roles, the city centre for city and hospital roles. Nobody approves a grant they asked for or one made to themselves.',
  pendingEmpty: 'No grants awaiting approval',
  grantee: 'Grantee',
  role: 'Role',
  scope: 'Scope',
  requestedBy: 'Asked by',
  requestedAt: 'Asked at',
  status: 'Status',
  awaiting: 'Awaiting approval',
  approve: 'Approve',
  reject: 'Reject',
  approved: 'Approved: {{name}} is now “{{role}}”',
  rejected: 'Rejected: “{{role}}” for {{name}}',
  notYours: 'Waiting for the approver',
  createdPending: 'Created {{name}}; the role “{{role}}” takes effect once approved',
  reset2fa: 'Reset two-step verification',
  reset2faConfirm: 'Reset two-step verification of {{name}}? They set up an authenticator again at next sign-in.',
  reset2faDone: 'Two-step verification of {{name}} was reset',
  delayedTitle: 'Please wait a moment',
};
export default security;
