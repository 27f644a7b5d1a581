import type { Me } from '../../shared/auth/auth.contract';
import { setCsrfToken } from './api';

/** Query key of the signed-in user (GET /api/auth/me). */
export const meKey = ['auth', 'me'] as const;

type Listener = () => void;
let expired = false;
let listener: Listener | null = null;
let currentMe: Me | null = null;

/** Called by the auth provider so a 401 from any call can end the session in the UI. */
export function onSessionEnded(fn: Listener | null): void {
  listener = fn;
}

export function setCurrentMe(me: Me | null): void {
  currentMe = me;
  setCsrfToken(me?.csrfToken ?? null);
}

/** A 401 while signed in means the session timed out (or was ended elsewhere). */
export function onUnauthenticated(): void {
  if (currentMe?.stage !== 'done') return;
  expired = true;
  forgetSessionData();
  listener?.();
}

/** True after a session expired, until the user signs in again: the sign-in page says so. */
export function sessionExpired(): boolean {
  return expired;
}

export function clearSessionExpired(): void {
  expired = false;
}

/** Removes what the app kept in this tab about the session's work (e.g. search text). */
export function forgetSessionData(): void {
  try {
    sessionStorage.clear();
  } catch {
    // Storage unavailable: nothing was kept.
  }
}
