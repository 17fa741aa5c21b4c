import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';

export interface OutgoingMessage {
  /** The outbox row id: a channel that can dedupe (SMS gateways, WeChat) passes it on, so a resend after a crash is dropped. */
  idempotencyKey: string;
  recipientId: string;
  payload: NotificationPayload;
}

type Bilingual = { 'zh-CN': string; en: string };

/** What every notification says, in both languages, with no student's name. */
export type NotificationPayload =
  | AlertNotificationPayload
  | FollowUpNotificationPayload
  | ScreeningReminderNotificationPayload
  | ReferralNotificationPayload
  | CaseNotificationPayload
  | ObservationNotificationPayload
  | CounselingFeedbackNotificationPayload
  | CounselingReminderNotificationPayload
  | CounselingGuardianNotificationPayload
  | TransferNotificationPayload
  | GuardianReferralNotificationPayload
  | LectureNotificationPayload
  | MailboxNotificationPayload;

/** A teacher answered a student's mailbox letter; the notice names neither the letter nor the thread. */
export interface MailboxNotificationPayload {
  kind: 'mailbox.answered';
  title: Bilingual;
  body: Bilingual;
}

/** An appointment in the counseling room is near: to the student and the teacher on duty; no name, no reason. */
export interface CounselingReminderNotificationPayload {
  kind: 'counseling.reminder';
  appointmentId: string;
  title: Bilingual;
  body: Bilingual;
}

/**
 * To a student's guardians, when staff chose to tell them of a booking, its confirmation or its move: the time
 * and the room only, never why the child comes or any record. The guardian opens their family page.
 */
export interface CounselingGuardianNotificationPayload {
  kind: 'counseling.guardian_informed';
  appointmentId: string;
  title: Bilingual;
  body: Bilingual;
}

/** A psychology teacher's 重点反馈 waits in the counseling page; the notice names neither the student nor the note. */
export interface CounselingFeedbackNotificationPayload {
  kind: 'counseling.feedback';
  feedbackId: string;
  title: Bilingual;
  body: Bilingual;
}

/**
 * A transfer between schools: a request arrived (the receiving psychology teachers), a summary is awaited
 * (the sending ones, when the receiving school's import raised it), the move is done (the guardians).
 */
export interface TransferNotificationPayload {
  kind: 'transfer.incoming' | 'transfer.summary_requested' | 'transfer.accepted' | 'transfer.declined';
  transferId: string;
  title: Bilingual;
  body: Bilingual;
}

/**
 * To a guardian in the app: a referral of their child waits for their consent, or a parent-school lecture
 * is coming. It names no child and says nothing of the case; the guardian opens their family page.
 */
export interface GuardianReferralNotificationPayload {
  kind: 'referral.consent_requested';
  referralId: string;
  title: Bilingual;
  body: Bilingual;
}

/** A parent-school lecture for a grade of the guardian's child (家长学校). */
export interface LectureNotificationPayload {
  kind: 'lecture.scheduled';
  lectureId: string;
  title: Bilingual;
  body: Bilingual;
}

/** Work waiting on a case: a decision for the leader, a plan's helper, follow-ups given to someone. */
export interface CaseNotificationPayload {
  kind:
    | 'case.review_awaiting'
    | 'case.closure_awaiting'
    | 'case.helper_assigned'
    | 'followup.assigned'
    | 'referral.consent_refused';
  caseId: string;
  title: Bilingual;
  body: Bilingual;
}

/** To whoever filed an observation: it was received (acknowledged) by the psychology staff. */
export interface ObservationNotificationPayload {
  kind: 'observation.received';
  observationId: string;
  title: Bilingual;
  body: Bilingual;
}

/** A consented referral has reached the partner hospital: to its doctors, with no student's name. */
export interface ReferralNotificationPayload {
  kind: 'referral.received';
  referralId: string;
  fastTrack: boolean;
  title: Bilingual;
  body: Bilingual;
}

export interface AlertNotificationPayload {
  kind: 'alert.raised' | 'alert.escalated';
  alertId: string;
  urgency: 'crisis' | 'high' | 'attention';
  title: Bilingual;
  body: Bilingual;
}

/** A follow-up past its date: to the responsible person, and once escalated to the school's leaders. */
export interface FollowUpNotificationPayload {
  kind: 'followup.overdue' | 'followup.escalated';
  caseId: string;
  followUpId: string;
  dueAt: string;
  title: Bilingual;
  body: Bilingual;
}

/** A teacher's reminder of a questionnaire still to answer, or of consent still to give; no child's name. */
export interface ScreeningReminderNotificationPayload {
  kind: 'screening.reminder';
  campaignId: string;
  purpose: 'answer' | 'consent';
  title: Bilingual;
  body: Bilingual;
}

/**
 * A way to reach people outside the app (SMS, WeChat, e-mail). `send` resolves once the message is handed
 * over; it throws to be retried later. Adapters are given to the app; the log channel is the default.
 */
export interface NotificationChannel {
  readonly name: string;
  send(message: OutgoingMessage): Promise<void>;
}

/**
 * The default channel: writes each message to the notification log table and the process log. It dedupes
 * by idempotency key, as a real gateway would, so a delivery repeated after a crash is written once.
 */
export class LogChannel implements NotificationChannel {
  readonly name = 'log';

  constructor(
    private readonly db: Kysely<Database>,
    private readonly log?: FastifyBaseLogger,
  ) {}

  async send(m: OutgoingMessage): Promise<void> {
    const written = await this.db
      .insertInto('notification_log')
      .values({
        idempotency_key: m.idempotencyKey,
        channel: this.name,
        recipient_id: m.recipientId,
        payload: JSON.stringify(m.payload),
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returning('idempotency_key')
      .executeTakeFirst();
    if (written)
      this.log?.info(
        {
          notification: m.idempotencyKey,
          recipient: m.recipientId,
          kind: m.payload.kind,
          about:
            'alertId' in m.payload
              ? m.payload.alertId
              : 'caseId' in m.payload
                ? m.payload.caseId
                : 'referralId' in m.payload
                  ? m.payload.referralId
                  : 'observationId' in m.payload
                    ? m.payload.observationId
                    : 'transferId' in m.payload
                      ? m.payload.transferId
                      : 'lectureId' in m.payload
                        ? m.payload.lectureId
                        : 'campaignId' in m.payload
                          ? m.payload.campaignId
                          : null,
        },
        'notification delivered to log',
      );
  }
}
