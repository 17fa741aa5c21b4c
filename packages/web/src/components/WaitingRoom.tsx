import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { onApiEvent } from '../api/client';

/**
 * Shown while a busy server has asked calls to wait (api/client.ts retries them by itself). Plain markup,
 * no component library: it must cost nothing on the students' light path and never cover a form for long.
 */
export default function WaitingRoom() {
  const { t } = useTranslation();
  const [waiting, setWaiting] = useState(0);
  useEffect(
    () =>
      onApiEvent((event) => {
        if (event.type === 'waiting') setWaiting((n) => n + 1);
        if (event.type === 'admitted') setWaiting((n) => Math.max(0, n - 1));
      }),
    [],
  );
  if (waiting === 0) return null;
  return (
    <div className="yx-waiting-room" role="status" aria-live="polite" data-testid="waiting-room">
      <div className="yx-waiting-room-card">
        <div className="yx-waiting-room-dots" aria-hidden="true">
          <span />
          <span />
          <span />
        </div>
        <h2>{t('waitingRoom.title')}</h2>
        <p>{t('waitingRoom.text')}</p>
      </div>
    </div>
  );
}
