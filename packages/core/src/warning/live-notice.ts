/**
 * A new notification as the server pushes it on the notification stream (server-sent events, which the
 * OpenAPI document cannot type): ids and kind only, never a name, and the recipient's unread count.
 */
export interface LiveNotice {
  id: string;
  kind: string;
  alertId: string | null;
  createdAt: string;
  /** The recipient's unread count after this notice, for the bell. */
  unread: number;
}
