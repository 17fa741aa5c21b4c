/**
 * 心理信箱 (Jinan §3): a student writes to their school's psychology teachers, with their name or without.
 * The rules that decide what a thread is and what may be done with it; the server stores and shows.
 */

/** Longest letter or answer, in characters: a letter, not a diary. */
export const MAILBOX_TEXT_MAX = 2000;
export const MAILBOX_REASON_MAX = 500;

export type MailboxAuthor = 'student' | 'teacher';

/**
 * `waiting`: the student's last word has no answer yet (the teachers' queue); `answered`: a teacher spoke last.
 * Read from the messages, never stored, so it cannot drift from them.
 */
export type MailboxThreadState = 'waiting' | 'answered';

export function mailboxThreadState(messages: readonly { author: MailboxAuthor }[]): MailboxThreadState {
  const last = messages[messages.length - 1];
  return last?.author === 'teacher' ? 'answered' : 'waiting';
}

/**
 * Why a teacher may not turn a thread into an alert. An anonymous writer cannot be named by anyone, the
 * teacher included: the alert would need a student, and guessing one would break the promise anonymity made.
 */
export type MailboxRiskRefusal = 'anonymous';

export function mailboxRiskRefusal(thread: { anonymous: boolean }): MailboxRiskRefusal | null {
  return thread.anonymous ? 'anonymous' : null;
}

/** The teachers' queue: unanswered letters first, the longest waiting first among them; then the latest talk. */
export function compareMailboxThreads(
  a: { state: MailboxThreadState; lastAt: Date },
  b: { state: MailboxThreadState; lastAt: Date },
): number {
  if (a.state !== b.state) return a.state === 'waiting' ? -1 : 1;
  return a.state === 'waiting' ? a.lastAt.getTime() - b.lastAt.getTime() : b.lastAt.getTime() - a.lastAt.getTime();
}
