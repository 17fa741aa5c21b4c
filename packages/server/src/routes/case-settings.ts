import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { getCaseSettings, saveCaseSettings } from '../cases/settings.js';
import type { Api } from '../http/api.js';
import { requireCityManager } from '../access/city-manager.js';
import { requestContext } from '../services/context.js';
import { changeCitySetting } from '../settings/city-settings.js';

const CaseSettingsSchema = Type.Object({ leaderReviewBeforeReferral: Type.Boolean() }, { additionalProperties: false });

/** The city's case rules, e.g. 常州's leader review before every referral; changed at city level only. */
export async function caseSettingsRoutes(api: Api, { db }: AppDeps) {
  api.get(
    '/v1/settings/cases',
    { config: { policy: 'campaign.read' }, schema: { tags: ['settings'], response: { 200: CaseSettingsSchema } } },
    async (req) => getCaseSettings(db, req.signedIn!.account.city_id),
  );

  api.put(
    '/v1/settings/cases',
    {
      config: { policy: 'campaign.manage' },
      schema: { tags: ['settings'], body: CaseSettingsSchema, response: { 200: CaseSettingsSchema } },
    },
    async (req) => {
      const cityId = req.signedIn!.account.city_id;
      const binding = requireCityManager(req.access, cityId);
      await changeCitySetting(requestContext(req, db), {
        cityId,
        binding,
        action: 'settings.cases.update',
        detail: { ...req.body },
        save: (tx) => saveCaseSettings(tx, cityId, req.body),
      });
      return getCaseSettings(db, cityId);
    },
  );
}
