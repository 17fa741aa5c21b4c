import type { Api } from '../http/api.js';
import type { AppDeps } from '../app.js';
import { authRoutes } from './auth.js';
import { healthRoutes } from './health.js';
import { meRoutes } from './me.js';
import { orgRoutes } from './org.js';
import { studentRoutes } from './students.js';
import { rosterRoutes } from './roster.js';
import { jobsRoutes } from './jobs.js';
import { accountsRoutes } from './accounts.js';
import { staffRoutes } from './staff.js';
import { auditRoutes } from './audit.js';
import { instrumentsRoutes } from './instruments.js';
import { scoringRoutes } from './scoring.js';
import { campaignsRoutes } from './campaigns.js';
import { completionRoutes } from './completion.js';
import { consentRoutes } from './consent.js';
import { questionnaireRoutes } from './questionnaire.js';
import { responsesRoutes } from './responses.js';
import { tiersRoutes } from './tiers.js';
import { alertsRoutes } from './alerts.js';
import { settingsRoutes } from './settings.js';

/** Every API module. Each route declares its policy in `config.policy`; the gate refuses a route without one. */
export async function registerRoutes(api: Api, deps: AppDeps) {
  await healthRoutes(api, deps);
  await authRoutes(api, deps);
  await meRoutes(api, deps);
  await orgRoutes(api, deps);
  await studentRoutes(api, deps);
  await rosterRoutes(api, deps);
  await jobsRoutes(api, deps);
  await accountsRoutes(api, deps);
  await staffRoutes(api, deps);
  await auditRoutes(api, deps);
  await instrumentsRoutes(api, deps);
  await scoringRoutes(api, deps);
  await campaignsRoutes(api, deps);
  await completionRoutes(api, deps);
  await consentRoutes(api, deps);
  await questionnaireRoutes(api, deps);
  await responsesRoutes(api, deps);
  await tiersRoutes(api, deps);
  await alertsRoutes(api, deps);
  await settingsRoutes(api, deps);
}
