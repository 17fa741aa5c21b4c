import {
  getInstrument,
  isStaffWellbeingInstrument,
  roleAllows,
  scoreSelfScreening,
  STAFF_WELLBEING_INSTRUMENTS,
  wellbeingLevel,
  type InstrumentDefinition,
  type StaffWellbeingInstrument,
} from '@yuxin/core';
import type { Kysely } from 'kysely';
import { encryptText } from '../crypto/field-crypto.js';
import type { Database } from '../db/types.js';
import { notFound } from '../http/problem.js';
import { latestInstrumentVersion } from '../screening/instrument-store.js';
import { getScreeningSettings } from '../screening/settings.js';
import { checkSubmittedAnswers } from '../screening/submission/answers.js';
import { instrumentView } from '../screening/submission/questionnaire-view.js';
import type { ServiceContext } from '../services/context.js';
import { invalid, wellbeingFieldError } from './messages.js';

/**
 * A teacher's own self-screening. Every read and write here is keyed by the signed-in account and nothing
 * else: no role, scope or id reaches another person's result. Audit rows carry the city only, so that the
 * teacher's school reading its audit log does not learn who took one.
 */

async function ownAccount(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('user_account')
    .select(['id', 'city_id', 'district_id', 'school_id', 'display_name'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

function selfBinding(ctx: ServiceContext) {
  return ctx.access.actor.bindings.find((b) => roleAllows(b.role, 'wellbeing.self')) ?? null;
}

async function definitionOf(db: Kysely<Database>, code: string): Promise<InstrumentDefinition> {
  if (!isStaffWellbeingInstrument(code)) throw notFound();
  const def = (await latestInstrumentVersion(db, code)) ?? getInstrument(code);
  if (!def) throw notFound();
  return def;
}

async function hotlinesOf(db: Kysely<Database>, cityId: string, locale: ServiceContext['locale']) {
  const settings = await getScreeningSettings(db, cityId);
  return settings.hotline.map((h) => ({ name: locale === 'zh-CN' ? h.nameZh : h.nameEn, number: h.number }));
}

type ResultRow = { id: string; instrument_code: string; total: number | null; band: string | null; taken_at: Date };

function resultView(r: ResultRow) {
  const code = r.instrument_code as StaffWellbeingInstrument;
  return {
    id: r.id,
    instrument: code,
    shortName: getInstrument(code)?.shortName ?? code,
    takenAt: r.taken_at.toISOString(),
    total: r.total,
    level: wellbeingLevel(code, r.band),
  };
}

/** The teacher's page: what they can take, their own past results, their call-back requests, the hotlines. */
export async function myWellbeing(ctx: ServiceContext) {
  const account = await ownAccount(ctx.db, ctx.actorId);
  const defs = await Promise.all(
    STAFF_WELLBEING_INSTRUMENTS.map(async (code) => ({ code, def: await definitionOf(ctx.db, code) })),
  );
  const results = await ctx.db
    .selectFrom('staff_wellbeing_result')
    .select(['id', 'instrument_code', 'total', 'band', 'taken_at'])
    .where('user_id', '=', ctx.actorId)
    .orderBy('taken_at', 'desc')
    .limit(50)
    .execute();
  const callbacks = await ctx.db
    .selectFrom('staff_wellbeing_callback')
    .select(['id', 'requested_at', 'done_at'])
    .where('user_id', '=', ctx.actorId)
    .orderBy('requested_at', 'desc')
    .limit(10)
    .execute();
  await ctx.audit(ctx.db, {
    action: 'wellbeing.self.read',
    targetType: 'staff_wellbeing_result',
    placement: { cityId: account.city_id },
    exactPlacement: true,
    binding: selfBinding(ctx),
  });
  return {
    instruments: defs.map(({ code, def }) => ({
      code,
      version: def.version,
      shortName: def.shortName,
      name: ctx.locale === 'zh-CN' ? def.name.zh : def.name.en,
      itemCount: def.items.length,
    })),
    results: results.map(resultView),
    callbacks: callbacks.map((c) => ({
      id: c.id,
      requestedAt: c.requested_at.toISOString(),
      doneAt: c.done_at?.toISOString() ?? null,
    })),
    hotlines: await hotlinesOf(ctx.db, account.city_id, ctx.locale),
  };
}

/** One instrument as the teacher answers it, in their language; no bands, no critical markers. */
export async function wellbeingInstrument(ctx: ServiceContext, code: string) {
  return instrumentView(await definitionOf(ctx.db, code), ctx.locale);
}

/** One of the teacher's own results; anyone else's is "not found", whoever asks. */
export async function readMyResult(ctx: ServiceContext, id: string) {
  const row = await ctx.db
    .selectFrom('staff_wellbeing_result')
    .select(['id', 'instrument_code', 'total', 'band', 'taken_at', 'city_id'])
    .where('id', '=', id)
    .where('user_id', '=', ctx.actorId)
    .executeTakeFirst();
  if (!row) throw notFound();
  await ctx.audit(ctx.db, {
    action: 'wellbeing.self.read',
    targetType: 'staff_wellbeing_result',
    targetId: row.id,
    placement: { cityId: row.city_id },
    exactPlacement: true,
    binding: selfBinding(ctx),
  });
  return resultView(row);
}

export interface TakeBody {
  /** The teacher's retry key: sending the same form again stores one result. */
  clientId: string;
  instrument: string;
  answers: Array<number | null>;
}

/**
 * Scores the answers with the instrument library's scorer and keeps only the score and band: the answers are
 * never stored. A critical answer is reported back at once (hotline, call-back offer) and goes nowhere else;
 * a call-back is asked for separately, only if the teacher chooses it.
 */
export async function takeSelfScreening(ctx: ServiceContext, body: TakeBody) {
  const def = await definitionOf(ctx.db, body.instrument).catch(() => {
    throw invalid([wellbeingFieldError(ctx.locale, '/instrument', 'instrument.unknown')]);
  });
  const errors = checkSubmittedAnswers([def], { [def.code]: body.answers }, ctx.locale).map((e) => ({
    field: e.field.replace(`/answers/${def.code}`, '/answers'),
    key: 'field.invalid' as const,
    message: e.message,
  }));
  if (errors.length) throw invalid(errors);
  const scored = scoreSelfScreening(def, body.answers);
  const account = await ownAccount(ctx.db, ctx.actorId);
  const hotlines = await hotlinesOf(ctx.db, account.city_id, ctx.locale);

  const stored = await ctx.db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto('staff_wellbeing_result')
      .values({
        user_id: ctx.actorId,
        city_id: account.city_id,
        district_id: account.district_id,
        school_id: account.school_id,
        instrument_code: def.code,
        instrument_version: def.version,
        total: scored.total,
        band: scored.band,
        client_id: body.clientId,
      })
      .onConflict((oc) => oc.columns(['user_id', 'client_id']).doNothing())
      .returning(['id', 'instrument_code', 'total', 'band', 'taken_at'])
      .executeTakeFirst();
    if (!inserted) {
      // A retry of a form already stored: answer with what was stored.
      const earlier = await tx
        .selectFrom('staff_wellbeing_result')
        .select(['id', 'instrument_code', 'total', 'band', 'taken_at'])
        .where('user_id', '=', ctx.actorId)
        .where('client_id', '=', body.clientId)
        .executeTakeFirstOrThrow();
      return { row: earlier, created: false };
    }
    // Who took which instrument, never how it came out.
    await ctx.audit(tx, {
      action: 'wellbeing.self.take',
      targetType: 'staff_wellbeing_result',
      targetId: inserted.id,
      placement: { cityId: account.city_id },
      exactPlacement: true,
      binding: selfBinding(ctx),
      detail: { instrument: def.code },
    });
    return { row: inserted, created: true };
  });
  return {
    created: stored.created,
    result: {
      ...resultView(stored.row),
      critical: scored.critical,
      // Only after a critical answer is a call-back offered; the teacher decides whether to ask for one.
      offerCallback: scored.critical,
      hotlines,
    },
  };
}

const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

/**
 * A call-back the teacher asked for: it goes to their district's guidance centre (the city centre for staff
 * without a school), with their name and phone only. Nothing links it to a result.
 */
export async function requestCallback(ctx: ServiceContext, body: { clientId: string; phone: string }) {
  const phone = body.phone.replace(/\s+/g, '');
  if (!PHONE.test(phone)) throw invalid([wellbeingFieldError(ctx.locale, '/phone', 'phone.invalid')]);
  const account = await ownAccount(ctx.db, ctx.actorId);
  // A school's staff are called by their district's centre; the centres' own staff, and everyone else
  // above a school, by the city's, so that nobody is called back by the colleague next door.
  const districtId = account.school_id ? account.district_id : null;
  return ctx.db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto('staff_wellbeing_callback')
      .values({
        user_id: ctx.actorId,
        city_id: account.city_id,
        district_id: districtId,
        phone_enc: encryptText(phone),
        client_id: body.clientId,
      })
      .onConflict((oc) => oc.columns(['user_id', 'client_id']).doNothing())
      .returning(['id', 'requested_at'])
      .executeTakeFirst();
    if (!inserted) {
      const earlier = await tx
        .selectFrom('staff_wellbeing_callback')
        .select(['id', 'requested_at'])
        .where('user_id', '=', ctx.actorId)
        .where('client_id', '=', body.clientId)
        .executeTakeFirstOrThrow();
      return { id: earlier.id, requestedAt: earlier.requested_at.toISOString(), created: false };
    }
    await ctx.audit(tx, {
      action: 'wellbeing.callback.request',
      targetType: 'staff_wellbeing_callback',
      targetId: inserted.id,
      placement: { cityId: account.city_id, districtId },
      exactPlacement: true,
      binding: selfBinding(ctx),
    });
    return { id: inserted.id, requestedAt: inserted.requested_at.toISOString(), created: true };
  });
}
