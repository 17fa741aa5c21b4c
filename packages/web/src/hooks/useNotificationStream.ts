import type { LiveNotice } from '@yuxin/core';
import { useEffect, useRef } from 'react';

export type StreamEvent = { type: 'ready'; unread: number } | ({ type: 'notification' } & LiveNotice);
type Listener = (e: StreamEvent) => void;

const URL = '/api/v1/notifications/stream';
const listeners = new Set<Listener>();
let source: EventSource | null = null;
let retry: ReturnType<typeof setTimeout> | undefined;
let backoffMs = 2_000;

function emit(e: StreamEvent) {
  for (const l of [...listeners]) l(e);
}

/**
 * One stream per tab, shared by the bell and any page that listens: a tab opens a single connection however
 * many components want pushes, and closes it when none does.
 */
function connect() {
  if (source || typeof EventSource === 'undefined') return;
  const es = new EventSource(URL, { withCredentials: true });
  source = es;
  es.addEventListener('ready', (ev) => {
    backoffMs = 2_000;
    emit({ type: 'ready', ...(JSON.parse((ev as MessageEvent<string>).data) as { unread: number }) });
  });
  es.addEventListener('notification', (ev) =>
    emit({ type: 'notification', ...(JSON.parse((ev as MessageEvent<string>).data) as LiveNotice) }),
  );
  es.onerror = () => {
    // The browser retries a dropped connection itself; a refused one (401, 5xx) it gives up on, so retry
    // that with a growing pause rather than hammering a server that is down.
    if (es.readyState !== EventSource.CLOSED) return;
    es.close();
    if (source === es) source = null;
    if (listeners.size === 0) return;
    clearTimeout(retry);
    retry = setTimeout(connect, backoffMs);
    backoffMs = Math.min(backoffMs * 2, 60_000);
  };
}

function disconnect() {
  clearTimeout(retry);
  source?.close();
  source = null;
}

/** Calls `onEvent` for every push of the signed-in person's new notifications while mounted. */
export function useNotificationStream(onEvent: Listener, enabled = true): void {
  const ref = useRef(onEvent);
  ref.current = onEvent;
  useEffect(() => {
    if (!enabled) return;
    const l: Listener = (e) => ref.current(e);
    listeners.add(l);
    connect();
    return () => {
      listeners.delete(l);
      if (listeners.size === 0) disconnect();
    };
  }, [enabled]);
}
