import { APPOINTMENT_EVENTS, APPOINTMENT_STATUSES, COUNSELING_OUTCOMES, SESSION_TYPES } from '@yuxin/core';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import {
  bookAppointment,
  dayAppointments,
  freeSlots,
  moveAppointmentTo,
  recordWalkIn,
  rescheduleAppointment,
  studentAppointments,
} from '../counseling/appointments.js';
import { listKeyFeedback, sendKeyFeedback } from '../counseling/feedback.js';
import {
  createRecord,
  openCaseFromRecord,
  raiseAlertFromRecord,
  readRecord,
  referFromRecord,
} from '../counseling/records.js';
import { createRoom, listRooms, saveRoster, setDutyLog } from '../counseling/rooms.js';
import type { Api } from '../http/api.js';
import { IdParams, Uuid } from '../http/schemas.js';
import { requestContext } from '../services/context.js';

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Part = Type.String({ minLength: 1, maxLength: 8000 });
// Staff only, off unless ticked: a student's own booking may be confidential (core's mayInformGuardians).
const InformGuardians = Type.Boolean({
  description: "Tell the student's guardians of the time and room (staff only; never the reason)",
});
const DateOnly = Type.String({ format: 'date', description: 'A China calendar day, YYYY-MM-DD' });
const Minute = Type.Integer({ minimum: 0, maximum: 1440, description: 'Minutes after midnight, China time' });

const Shift = Type.Object(
  {
    weekday: Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' }),
    startMin: Minute,
    endMin: Minute,
    slotMinutes: Type.Integer({ minimum: 10, maximum: 180 }),
    teacherId: Uuid,
  },
  { additionalProperties: false },
);
const Room = Type.Object({
  id: Type.String(),
  name: Type.String(),
  location: Type.String(),
  shifts: Type.Array(Type.Object({ ...Shift.properties, teacherId: Type.String(), teacherName: Type.String() })),
  closedDays: Type.Array(Type.String(), { description: 'Duty log: days of the last month on the room did not open' }),
});
const Slot = Type.Object({
  roomId: Type.String(),
  roomName: Type.String(),
  location: Type.String(),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  teacherName: Type.String(),
});
const Appointment = Type.Object({
  id: Type.String(),
  roomId: Type.String(),
  roomName: Type.String(),
  location: Type.String(),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  kind: Type.Enum(['booked', 'walk_in']),
  status: Type.Enum([...APPOINTMENT_STATUSES]),
  teacherName: Type.String(),
});
const DayAppointment = Type.Object({
  ...Appointment.properties,
  student: Type.Object({ id: Type.String(), name: Type.String(), className: Type.String() }),
  recordId: Type.Union([Type.String(), Type.Null()]),
  caseId: Type.Union([Type.String(), Type.Null()]),
  mine: Type.Boolean({ description: 'The signed-in teacher is on duty for it' }),
});
const Record = Type.Object({
  id: Type.String(),
  student: Type.Object({ id: Type.String(), name: Type.String(), className: Type.String() }),
  appointmentId: Type.Union([Type.String(), Type.Null()]),
  counselorName: Type.String(),
  sessionType: Type.Enum([...SESSION_TYPES]),
  heldAt: Type.String({ format: 'date-time' }),
  durationMinutes: Type.Integer(),
  outcome: Type.Enum([...COUNSELING_OUTCOMES]),
  state: Type.String({ description: '学生目前的心理状况' }),
  problem: Type.String({ description: '辅导的主要问题' }),
  assessment: Type.String({ description: '问题的评估和鉴定' }),
  analysis: Type.String({ description: '分析' }),
  measures: Type.String({ description: '对策' }),
  evaluation: Type.String({ description: '辅导效果评价' }),
  participants: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), className: Type.String() }), {
    description: "A group session's other students (团体辅导)",
  }),
  alertId: Type.Union([Type.String(), Type.Null()], {
    description: 'The alert this record raised, or that its case was opened from',
  }),
  caseId: Type.Union([Type.String(), Type.Null()]),
});

/** 心理辅导室: rooms and the duty roster, appointments, and the six-part counseling records. */
export async function counselingRoutes(api: Api, { db }: AppDeps) {
  api.get(
    '/v1/counseling/rooms',
    {
      config: { policy: 'counseling.duty' },
      schema: {
        tags: ['counseling'],
        querystring: Type.Object({ schoolId: Uuid }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            items: Type.Array(Room),
            teachers: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
          }),
        },
      },
    },
    (req) => listRooms(requestContext(req, db), req.query.schoolId),
  );

  api.post(
    '/v1/counseling/rooms',
    {
      config: { policy: 'counseling.duty' },
      schema: {
        tags: ['counseling'],
        body: Type.Object(
          {
            schoolId: Uuid,
            name: Type.String({ minLength: 1, maxLength: 60, pattern: '\\S' }),
            location: Type.Optional(Type.String({ maxLength: 120 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Room },
      },
    },
    async (req, reply) => {
      const room = await createRoom(requestContext(req, db), req.body);
      reply.code(201);
      return room;
    },
  );

  api.put(
    '/v1/counseling/rooms/:id/roster',
    {
      config: { policy: 'counseling.duty' },
      schema: {
        tags: ['counseling'],
        params: IdParams,
        body: Type.Object({ shifts: Type.Array(Shift, { maxItems: 70 }) }, { additionalProperties: false }),
        response: { 200: Room },
      },
    },
    (req) => saveRoster(requestContext(req, db), req.params.id, req.body.shifts),
  );

  api.put(
    '/v1/counseling/rooms/:id/duty-log',
    {
      config: { policy: 'counseling.duty' },
      schema: {
        tags: ['counseling'],
        summary: '值班记录: mark a day the room did not open, or take the mark back',
        params: IdParams,
        body: Type.Object({ date: DateOnly, open: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Room },
      },
    },
    (req) => setDutyLog(requestContext(req, db), req.params.id, req.body),
  );

  api.get(
    '/v1/counseling/slots',
    {
      config: { policy: 'counseling.book' },
      schema: {
        tags: ['counseling'],
        querystring: Type.Object({ studentId: Uuid }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Slot) }) },
      },
    },
    (req) => freeSlots(requestContext(req, db), req.query.studentId),
  );

  api.get(
    '/v1/counseling/appointments',
    {
      config: { policy: 'counseling.book' },
      schema: {
        tags: ['counseling'],
        querystring: Type.Object({ studentId: Uuid }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Appointment) }) },
      },
    },
    (req) => studentAppointments(requestContext(req, db), req.query.studentId),
  );

  api.post(
    '/v1/counseling/appointments',
    {
      config: { policy: 'counseling.book' },
      schema: {
        tags: ['counseling'],
        body: Type.Object(
          {
            studentId: Uuid,
            roomId: Uuid,
            startsAt: Type.String({ format: 'date-time' }),
            informGuardians: Type.Optional(InformGuardians),
          },
          { additionalProperties: false },
        ),
        response: { 201: Appointment },
      },
    },
    async (req, reply) => {
      const a = await bookAppointment(requestContext(req, db), req.body);
      reply.code(201);
      return a;
    },
  );

  api.post(
    '/v1/counseling/appointments/:id/transition',
    {
      config: { policy: 'counseling.book' },
      schema: {
        tags: ['counseling'],
        params: IdParams,
        body: Type.Object(
          { event: lit(APPOINTMENT_EVENTS), informGuardians: Type.Optional(InformGuardians) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ id: Type.String(), status: Type.Enum([...APPOINTMENT_STATUSES]) }) },
      },
    },
    (req) => moveAppointmentTo(requestContext(req, db), req.params.id, req.body.event, req.body.informGuardians),
  );

  api.post(
    '/v1/counseling/appointments/:id/reschedule',
    {
      config: { policy: 'counseling.book' },
      schema: {
        tags: ['counseling'],
        summary: 'Moves a booking to another free slot: the old slot freed and the new one taken at once',
        params: IdParams,
        body: Type.Object(
          {
            roomId: Uuid,
            startsAt: Type.String({ format: 'date-time' }),
            informGuardians: Type.Optional(InformGuardians),
          },
          { additionalProperties: false },
        ),
        response: { 200: Appointment },
      },
    },
    (req) => rescheduleAppointment(requestContext(req, db), req.params.id, req.body),
  );

  api.post(
    '/v1/counseling/walk-ins',
    {
      config: { policy: 'counseling.duty' },
      schema: {
        tags: ['counseling'],
        body: Type.Object({ studentId: Uuid, roomId: Uuid }, { additionalProperties: false }),
        response: { 201: Appointment },
      },
    },
    async (req, reply) => {
      const a = await recordWalkIn(requestContext(req, db), req.body);
      reply.code(201);
      return a;
    },
  );

  api.get(
    '/v1/counseling/day',
    {
      config: { policy: 'counseling.duty' },
      schema: {
        tags: ['counseling'],
        querystring: Type.Object({ schoolId: Uuid, date: DateOnly }, { additionalProperties: false }),
        response: { 200: Type.Object({ date: Type.String(), items: Type.Array(DayAppointment) }) },
      },
    },
    (req) => dayAppointments(requestContext(req, db), req.query.schoolId, req.query.date),
  );

  api.post(
    '/v1/counseling/records',
    {
      config: { policy: 'counseling.record' },
      schema: {
        tags: ['counseling'],
        body: Type.Object(
          {
            appointmentId: Type.Optional(Uuid),
            studentId: Type.Optional(Uuid),
            sessionType: lit(SESSION_TYPES),
            heldAt: Type.Optional(Type.String({ format: 'date-time' })),
            durationMinutes: Type.Integer({ minimum: 5, maximum: 480 }),
            outcome: lit(COUNSELING_OUTCOMES),
            participantIds: Type.Optional(
              Type.Array(Uuid, { maxItems: 60, description: 'Group sessions only: the other students taking part' }),
            ),
            state: Part,
            problem: Part,
            assessment: Part,
            analysis: Part,
            measures: Part,
            evaluation: Part,
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String() }) },
      },
    },
    async (req, reply) => {
      const r = await createRecord(requestContext(req, db), req.body);
      reply.code(201);
      return r;
    },
  );

  api.get(
    '/v1/counseling/records/:id',
    {
      config: { policy: 'counseling.record' },
      schema: { tags: ['counseling'], params: IdParams, response: { 200: Record } },
    },
    (req) => readRecord(requestContext(req, db), req.params.id),
  );

  api.post(
    '/v1/counseling/records/:id/case',
    {
      config: { policy: 'counseling.record' },
      schema: {
        tags: ['counseling'],
        params: IdParams,
        body: Type.Object(
          {
            urgency: lit(['crisis', 'high', 'attention'] as const),
            note: Type.Optional(Type.String({ maxLength: 4000 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ caseId: Type.String(), created: Type.Boolean() }),
          201: Type.Object({ caseId: Type.String(), created: Type.Boolean() }),
        },
      },
    },
    async (req, reply) => {
      const result = await openCaseFromRecord(requestContext(req, db), req.params.id, req.body);
      reply.code(result.created ? 201 : 200);
      return result;
    },
  );

  api.post(
    '/v1/counseling/records/:id/alert',
    {
      config: { policy: 'counseling.record' },
      schema: {
        tags: ['counseling', 'alerts'],
        params: IdParams,
        body: Type.Object(
          {
            urgency: lit(['crisis', 'high', 'attention'] as const),
            reason: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ alertId: Type.String() }) },
      },
    },
    async (req, reply) => {
      const result = await raiseAlertFromRecord(requestContext(req, db), req.params.id, req.body);
      reply.code(201);
      return result;
    },
  );

  api.post(
    '/v1/counseling/records/:id/referral',
    {
      config: { policy: 'counseling.record' },
      schema: {
        tags: ['counseling', 'referrals'],
        summary: "转介 from a session: the record's case (opened now if none) refers to the partner hospital",
        params: IdParams,
        body: Type.Object(
          {
            hospitalId: Type.Optional(Uuid),
            reason: Type.String({ minLength: 1, maxLength: 4000, pattern: '\\S' }),
            summary: Type.String({ minLength: 1, maxLength: 8000, pattern: '\\S' }),
            urgency: lit(['crisis', 'high', 'attention'] as const),
            fastTrack: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ caseId: Type.String(), referralId: Type.String(), state: Type.String() }),
        },
      },
    },
    async (req, reply) => {
      const result = await referFromRecord(requestContext(req, db), req.params.id, req.body);
      reply.code(201);
      return result;
    },
  );

  const KeyFeedback = Type.Object({
    id: Type.String(),
    student: Type.Object({ id: Type.String(), name: Type.String(), className: Type.String() }),
    sentByName: Type.String(),
    sentByMe: Type.Boolean(),
    recordId: Type.Union([Type.String(), Type.Null()]),
    note: Type.String(),
    sentAt: Type.String(),
  });
  api.post(
    '/v1/counseling/records/:id/key-feedback',
    {
      config: { policy: 'counseling.record' },
      schema: {
        tags: ['counseling'],
        summary: "重点反馈: a short note of the teacher's own to the student's head teachers (never the record)",
        params: IdParams,
        body: Type.Object({ note: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
        response: {
          201: Type.Object({ id: Type.String(), recipients: Type.Integer(), sentAt: Type.String() }),
        },
      },
    },
    async (req, reply) => {
      const sent = await sendKeyFeedback(requestContext(req, db), req.params.id, req.body);
      reply.code(201);
      return sent;
    },
  );

  api.get(
    '/v1/counseling/key-feedback',
    {
      config: { policy: 'counseling.book' },
      schema: {
        tags: ['counseling'],
        summary: 'The 重点反馈 the signed-in head teacher received or the psychology teacher sent (reads audited)',
        response: { 200: Type.Object({ items: Type.Array(KeyFeedback) }) },
      },
    },
    (req) => listKeyFeedback(requestContext(req, db)),
  );
}
