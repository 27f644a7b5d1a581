import { useEffect } from 'react';
import { sendWaiting } from './visitQueue';

/**
 * Sends the visits waiting on the device when the app starts and whenever the browser says the
 * connection is back (decision 0048). Rendered once, in the app shell, for the team's staff.
 */
export function VisitQueueSync({ userId }: { userId: string }) {
  useEffect(() => {
    const send = () => void sendWaiting(userId).catch(() => undefined);
    send();
    window.addEventListener('online', send);
    return () => window.removeEventListener('online', send);
  }, [userId]);
  return null;
}
