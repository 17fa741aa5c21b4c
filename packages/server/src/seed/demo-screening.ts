import { chinaDateOf, startOfChinaDay } from '@yuxin/core';
import { sql, type Kysely } from 'kysely';
import { nameBasedUuid } from '../accounts/stable-ids.js';
import { appendAudit } from '../audit/audit.js';
import type { Database, OrgUnit } from '../db/types.js';
import type { CheckedCampaign } from '../screening/campaigns/input.js';
import { checkInstrumentSets } from '../screening/campaigns/instrument-sets.js';
import { tc } from '../screening/campaigns/messages.js';
import { schoolYearContaining, termOfDay } from '../screening/campaigns/period.js';
import { publishCampaign } from '../screening/campaigns/publish.js';
import { insertCampaign } from '../screening/campaigns/store.js';
import { syncBuiltinInstruments } from '../screening/instrument-store.js';
import type { InstrumentSet } from '../screening/campaigns/instrument-sets.js';
import { getScreeningSettings } from '../screening/settings.js';
import type { DemoSignIn } from './demo-sign-in.js';

export const DEMO_CAMPAIGN_NAME = '2026-2027学年第一学期心理普测';
const DRAFT_NAME = '九年级中考前心理状态专项测评';
const DAY_MS = 24 * 60 * 60 * 1000;
/** Share of guardians of under-14s who have already consented, out of 256 (~85 %). */
const CONSENTED_OF_256 = 218;

/** Name-based ids, so tests and the role × route matrix can address the demo campaigns without a lookup. */
export function demoCampaignId(cityId: string): string {
  return nameBasedUuid(`demo-campaign:${cityId}`);
}
export function demoDraftCampaignId(schoolId: string): string {
  return nameBasedUuid(`demo-draft-campaign:${schoolId}`);
}

/**
 * The demo city's screening: the city's universal campaign, published and open from today for 30 days over
 * every school with the default instrument sets; most guardians of under-14s have consented online, some
 * have not yet, so consent counts show; nobody has answered. The demo student's consent is granted so a
 * walkthrough can answer PHQ-A at once. Each school of a demo psychology teacher also has a draft grade-9
 * round, so the cast can edit, publish and cancel a campaign of their own.
 */
export async function seedDemoScreening(
  db: Kysely<Database>,
  args: { cityId: string; accounts: readonly DemoSignIn[] },
  now = new Date(),
): Promise<void> {
  await syncBuiltinInstruments(db);
  const { cityId } = args;
  const settings = await getScreeningSettings(db, cityId);
  const city = await db.selectFrom('org_unit').selectAll().where('id', '=', cityId).executeTakeFirstOrThrow();
  const demoStudentNo = args.accounts.find((a) => a.role === 'student')?.username;
  const demoStudent = demoStudentNo
    ? await db
        .selectFrom('student')
        .select('id')
        .where('city_id', '=', cityId)
        .where('student_no', '=', demoStudentNo)
        .executeTakeFirst()
    : undefined;
  const psychUsernames = args.accounts.filter((a) => a.role === 'psych_teacher').map((a) => a.username);
  const psychSchools = psychUsernames.length
    ? await db
        .selectFrom('role_binding as b')
        .innerJoin('user_account as u', 'u.id', 'b.user_id')
        .innerJoin('org_unit as s', 's.id', 'b.scope_id')
        .selectAll('s')
        .where('u.username', 'in', psychUsernames)
        .where('b.role', '=', 'psych_teacher')
        .execute()
    : [];

  const opensAt = startOfChinaDay(chinaDateOf(now));
  const year = await schoolYearContaining(db, cityId, chinaDateOf(opensAt));
  const campaign = async (sets: readonly InstrumentSet[], c: CampaignBase): Promise<CheckedCampaign> => {
    const pinned = await checkInstrumentSets(db, sets, 'zh-CN', '/instrumentSets');
    if (pinned.errors.length)
      throw new Error(`demo instrument sets are invalid: ${pinned.errors.map((e) => e.message).join('; ')}`);
    return {
      ...c,
      schoolYear: year.code,
      term: termOfDay(year, chinaDateOf(c.opensAt)),
      noticeZh: tc('notice.default', 'zh-CN'),
      noticeEn: tc('notice.default', 'en'),
      consentRequiredUnderAge: settings.consentRequiredUnderAge,
      studentIds: [],
      instruments: pinned.pinned,
    };
  };
  const universal = await campaign(settings.defaultInstrumentSets, {
    kind: 'universal',
    name: DEMO_CAMPAIGN_NAME,
    opensAt,
    closesAt: new Date(opensAt.getTime() + 30 * DAY_MS),
    targetIds: [cityId],
  });

  // Everything read through `db` is read before the transaction: embedded PGlite has one session, which
  // the transaction holds until it ends.
  const drafts: Array<{ school: OrgUnit; draft: CheckedCampaign }> = [];
  for (const school of psychSchools) {
    const draft = await draftFor(db, school, now, campaign);
    if (draft) drafts.push({ school, draft });
  }

  await db.transaction().execute(async (tx) => {
    const id = await insertCampaign(tx, city, universal, null, demoCampaignId(cityId));
    const row = await tx.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const published = await publishCampaign(tx, row, now);
    await grantMostConsents(tx, id, demoStudent?.id ?? null);
    for (const { school, draft } of drafts)
      await insertCampaign(tx, school, draft, null, demoDraftCampaignId(school.id));
    await appendAudit(tx, {
      userId: null,
      username: 'system',
      bindingId: null,
      role: null,
      action: 'seed.demo_screening',
      targetType: 'campaign',
      targetId: id,
      cityId,
      districtId: null,
      schoolId: null,
      outcome: 'success',
      requestId: null,
      detail: { published, drafts: drafts.length },
    });
  });
}

type CampaignBase = Omit<
  CheckedCampaign,
  'instruments' | 'schoolYear' | 'term' | 'noticeZh' | 'noticeEn' | 'consentRequiredUnderAge' | 'studentIds'
>;

/**
 * Marks most pending consents granted, as if guardians had answered online, with the consent_record row
 * each decision leaves; the pick is by a hash of the student id so the same students stay pending on every
 * seed. The demo student is always among the granted.
 */
async function grantMostConsents(tx: Kysely<Database>, campaignId: string, demoStudentId: string | null) {
  await sql`
    with granted as (
      update screening_assignment set consent_status = 'granted'
       where campaign_id = ${campaignId}
         and ((consent_status = 'pending' and get_byte(decode(md5(student_id::text), 'hex'), 0) < ${CONSENTED_OF_256})
              or student_id = ${demoStudentId})
      returning campaign_id, student_id, city_id, district_id, school_id
    )
    insert into consent_record (campaign_id, student_id, city_id, district_id, school_id, kind, decision, guardian_id, method, recorded_by)
    select distinct on (g.student_id) g.campaign_id, g.student_id, g.city_id, g.district_id, g.school_id, 'guardian_consent', 'granted',
           sg.guardian_id, 'online', u.id
      from granted g
      join student_guardian sg on sg.student_id = g.student_id
      left join user_account u on u.guardian_id = sg.guardian_id
     order by g.student_id, sg.guardian_id
  `.execute(tx);
}

/** A grade-9 round two weeks ahead, still a draft; none for a school without grade 9. */
async function draftFor(
  db: Kysely<Database>,
  school: OrgUnit,
  now: Date,
  campaign: (sets: readonly InstrumentSet[], c: CampaignBase) => Promise<CheckedCampaign>,
) {
  const grade9 = await db
    .selectFrom('org_unit')
    .select('id')
    .where('school_id', '=', school.id)
    .where('kind', '=', 'grade')
    .where('grade_level', '=', 9)
    .executeTakeFirst();
  if (!grade9) return null;
  const opensAt = startOfChinaDay(chinaDateOf(new Date(now.getTime() + 14 * DAY_MS)));
  return campaign([{ gradeFrom: 9, gradeTo: 9, respondent: 'self', instruments: ['phqa', 'gad7'] }], {
    kind: 'targeted',
    name: DRAFT_NAME,
    opensAt,
    closesAt: new Date(opensAt.getTime() + 7 * DAY_MS),
    targetIds: [grade9.id],
  });
}
