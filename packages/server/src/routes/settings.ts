import type { FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { requireCityManager } from '../access/city-manager.js';
import type { Api } from '../http/api.js';
import { requestLocale } from '../http/error-handler.js';
import { invalid } from '../screening/campaigns/messages.js';
import { CampaignKind, InstrumentSetBody } from '../screening/campaigns/schemas.js';
import { requestContext } from '../services/context.js';
import { changeCitySetting, recentSettingsChanges } from '../settings/city-settings.js';
import {
  getWarningSettings,
  NOTIFICATION_CHANNELS,
  saveWarningSettings,
  validateWarningSettings,
  WARNING_PRESETS,
  type WarningSettings,
} from '../warning/settings.js';
import { NETWORK_LEVELS } from '@yuxin/core';
import {
  forgetScreeningSettings,
  getScreeningSettings,
  saveScreeningSettings,
  SCREENING_PRESETS,
  validateScreeningSettings,
  type ScreeningSettings,
} from '../screening/settings.js';

const PresetName = Type.Union([
  Type.Literal('jinan'),
  Type.Literal('jining'),
  Type.Literal('changzhou'),
  Type.Literal('changchun'),
]);

const TierCondition = Type.Object(
  {
    instrument: Type.String({ minLength: 1, maxLength: 40 }),
    bands: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
    totalAtLeast: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
    flags: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
    anyCriticalFlag: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const settingsProps = {
  frequency: Type.Union([Type.Literal('school_year'), Type.Literal('term')]),
  campaignKinds: Type.Array(CampaignKind, { maxItems: 4, uniqueItems: true }),
  defaultInstrumentSets: Type.Array(InstrumentSetBody, { maxItems: 12 }),
  defaultWindowDays: Type.Integer({ minimum: 1, maximum: 90 }),
  consentRequiredUnderAge: Type.Integer({ minimum: 0, maximum: 18 }),
  hotline: Type.Array(
    Type.Object(
      {
        nameZh: Type.String({ minLength: 1, maxLength: 60 }),
        nameEn: Type.String({ maxLength: 120 }),
        number: Type.String({ minLength: 3, maxLength: 20 }),
      },
      { additionalProperties: false },
    ),
    { maxItems: 10 },
  ),
  tierRules: Type.Object(
    {
      id: Type.String({ minLength: 1, maxLength: 60 }),
      version: Type.String({ minLength: 1, maxLength: 30 }),
      rules: Type.Array(
        Type.Object(
          {
            tier: Type.Union([Type.Literal(2), Type.Literal(3)]),
            when: Type.Array(TierCondition, { minItems: 1, maxItems: 30 }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 10 },
      ),
    },
    { additionalProperties: false },
  ),
  minSecondsPerItem: Type.Number({ minimum: 0, maximum: 30 }),
};

const SettingsView = Type.Object({ preset: Type.Union([PresetName, Type.Literal('custom')]), ...settingsProps });
// The client may send back what it read; a hand-edited whole is always `custom`.
const SettingsBody = Type.Object(
  { preset: Type.Optional(Type.Union([PresetName, Type.Literal('custom')])), ...settingsProps },
  { additionalProperties: false },
);

// Core's tier rules are readonly arrays; the wire shape is the same data, so this only widens the type.
const asView = (s: ScreeningSettings) => s as unknown as Static<typeof SettingsView>;

const WarningPresetName = Type.Union([
  Type.Literal('jinan'),
  Type.Literal('changchun'),
  Type.Literal('changzhou'),
  Type.Literal('jining'),
]);
const warningProps = {
  networkLevels: Type.Array(Type.Enum([...NETWORK_LEVELS]), { maxItems: NETWORK_LEVELS.length, uniqueItems: true }),
  // Up to 30 days: a deadline longer than that is no deadline.
  deadlineMinutes: Type.Object(
    {
      crisis: Type.Integer({ minimum: 5, maximum: 43_200 }),
      high: Type.Integer({ minimum: 5, maximum: 43_200 }),
      attention: Type.Integer({ minimum: 5, maximum: 43_200 }),
    },
    { additionalProperties: false },
  ),
  channels: Type.Array(Type.Enum([...NOTIFICATION_CHANNELS]), {
    maxItems: NOTIFICATION_CHANNELS.length,
    uniqueItems: true,
  }),
};
const WarningSettingsView = Type.Object({
  preset: Type.Union([WarningPresetName, Type.Literal('custom')]),
  ...warningProps,
});
const WarningSettingsBody = Type.Object(
  { preset: Type.Optional(Type.Union([WarningPresetName, Type.Literal('custom')])), ...warningProps },
  { additionalProperties: false },
);

const SettingsChange = Type.Object({
  at: Type.String({ format: 'date-time' }),
  /** The audited action, e.g. `settings.warning.update`. */
  action: Type.String(),
  username: Type.Union([Type.String(), Type.Null()]),
  role: Type.Union([Type.String(), Type.Null()]),
  /** What changed, as audited: a preset's name or the new values. */
  detail: Type.Unknown(),
});

export async function settingsRoutes(api: Api, { db }: AppDeps) {
  api.get(
    '/v1/settings/changes',
    {
      config: { policy: 'campaign.manage' },
      schema: {
        tags: ['settings'],
        description: "The latest changes to the city's settings, newest first, from the audit log.",
        response: { 200: Type.Array(SettingsChange) },
      },
    },
    async (req) => recentSettingsChanges(requestContext(req, db), req.signedIn!.account.city_id),
  );

  api.get(
    '/v1/settings/screening',
    { config: { policy: 'campaign.read' }, schema: { tags: ['settings'], response: { 200: SettingsView } } },
    async (req) => asView(await getScreeningSettings(db, req.signedIn!.account.city_id)),
  );

  async function store(req: FastifyRequest, settings: ScreeningSettings, detail: Record<string, unknown>) {
    const cityId = req.signedIn!.account.city_id;
    const binding = requireCityManager(req.access, cityId);
    const errors = await validateScreeningSettings(db, settings, requestLocale(req));
    if (errors.length) throw invalid(errors);
    await changeCitySetting(requestContext(req, db), {
      cityId,
      binding,
      action: 'settings.screening.update',
      detail,
      save: (tx) => saveScreeningSettings(tx, cityId, settings),
    });
    forgetScreeningSettings(cityId);
    return asView(await getScreeningSettings(db, cityId));
  }

  api.put(
    '/v1/settings/screening',
    {
      config: { policy: 'campaign.manage' },
      schema: { tags: ['settings'], body: SettingsBody, response: { 200: SettingsView } },
    },
    async (req) => store(req, { ...req.body, preset: 'custom' }, { preset: 'custom', frequency: req.body.frequency }),
  );

  api.post(
    '/v1/settings/screening/preset',
    {
      config: { policy: 'campaign.manage' },
      schema: {
        tags: ['settings'],
        body: Type.Object({ preset: PresetName }, { additionalProperties: false }),
        response: { 200: SettingsView },
      },
    },
    async (req) => store(req, SCREENING_PRESETS[req.body.preset], { preset: req.body.preset }),
  );

  async function storeWarning(req: FastifyRequest, settings: WarningSettings, detail: Record<string, unknown>) {
    const cityId = req.signedIn!.account.city_id;
    const binding = requireCityManager(req.access, cityId);
    const errors = validateWarningSettings(settings, requestLocale(req));
    if (errors.length) throw invalid(errors);
    await changeCitySetting(requestContext(req, db), {
      cityId,
      binding,
      action: 'settings.warning.update',
      detail,
      save: (tx) => saveWarningSettings(tx, cityId, settings),
    });
    return getWarningSettings(db, cityId);
  }

  api.get(
    '/v1/settings/warning',
    { config: { policy: 'campaign.read' }, schema: { tags: ['settings'], response: { 200: WarningSettingsView } } },
    async (req) => getWarningSettings(db, req.signedIn!.account.city_id),
  );

  api.put(
    '/v1/settings/warning',
    {
      config: { policy: 'campaign.manage' },
      schema: { tags: ['settings'], body: WarningSettingsBody, response: { 200: WarningSettingsView } },
    },
    async (req) =>
      storeWarning(
        req,
        { ...req.body, preset: 'custom' },
        {
          preset: 'custom',
          networkLevels: req.body.networkLevels,
          deadlineMinutes: req.body.deadlineMinutes,
          channels: req.body.channels,
        },
      ),
  );

  // A preset names the network's levels; the city's deadlines and channels stay as they were.
  api.post(
    '/v1/settings/warning/preset',
    {
      config: { policy: 'campaign.manage' },
      schema: {
        tags: ['settings'],
        body: Type.Object({ preset: WarningPresetName }, { additionalProperties: false }),
        response: { 200: WarningSettingsView },
      },
    },
    async (req) => {
      const current = await getWarningSettings(db, req.signedIn!.account.city_id);
      const preset = WARNING_PRESETS[req.body.preset];
      return storeWarning(
        req,
        { ...current, preset: preset.preset, networkLevels: preset.networkLevels },
        { preset: req.body.preset },
      );
    },
  );
}
