import type { Me } from '../../shared/auth/auth.contract';
import { setCsrfToken } from './api';

/** Query key of the signed-in user (GET /api/auth/me). */
export const meKey = ['auth', 'me'] as const;

type Listener = () => void;
/** Why the last session ended under the user, if it did: the sign-in page says which. */
export type SessionEnd = 'expired' | 'secondFactorRequired';
let ended: SessionEnd | null = null;
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

/**
 * A 401 while signed in means the session timed out (or was ended elsewhere) — or, with the
 * problem type `second-factor-required`, that the municipality now requires a second factor
 * the session was not signed in with (decision 0018): then the user signs in again and enrols.
 */
export function onUnauthenticated(secondFactorRequired = false): void {
  if (secondFactorRequired) ended = 'secondFactorRequired';
  if (currentMe?.stage !== 'done') return;
  ended = secondFactorRequired ? 'secondFactorRequired' : 'expired';
  forgetSessionData();
  listener?.();
}

/** Why the session ended, until the user signs in again: the sign-in page says so. */
export function sessionEnd(): SessionEnd | null {
  return ended;
}

export function clearSessionEnd(): void {
  ended = null;
}

const hintKey = 'staircase.mayHaveSession';

/**
 * Whether this browser may hold a session cookie. The cookie is HttpOnly, so the app cannot see
 * it; without this hint every visit to the sign-in page asked `/api/auth/me` and got a 401,
 * which the browser logs as an error. Storage unavailable: assume a session may exist (ask).
 */
export function mayHaveSession(): boolean {
  try {
    return localStorage.getItem(hintKey) !== null;
  } catch {
    return true;
  }
}

/** A sign-in has begun (password sent, or single sign-on started): the next load asks the server. */
export function rememberSessionHint(): void {
  try {
    localStorage.setItem(hintKey, '1');
  } catch {
    // Storage unavailable: mayHaveSession() answers true anyway.
  }
}

/** The server said there is no session (a 401, or signed out): stop asking until a sign-in. */
export function forgetSessionHint(): void {
  try {
    localStorage.removeItem(hintKey);
  } catch {
    // Storage unavailable: nothing was kept.
  }
}

/** Removes what the app kept in this tab about the session's work (e.g. search text). */
export function forgetSessionData(): void {
  try {
    sessionStorage.clear();
  } catch {
    // Storage unavailable: nothing was kept.
  }
}
