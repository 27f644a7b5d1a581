/**
 * A failed password sign-in is answered no earlier than this long after its request began.
 *
 * An unknown username costs one argon2id verification (against a dummy hash, credentials.ts);
 * a known one with a wrong password costs the same plus a transaction (failure count and audit
 * record). Measured with a stopwatch, the difference would tell whether a username exists.
 * Both wait until this floor, well above their work (argon2id at OWASP's minimum takes some
 * 50–100 ms, the transaction a few ms), so they take the same time unless the server is so
 * loaded that the work itself outlasts the floor. Successful sign-ins do not wait.
 */
export const FAILED_SIGN_IN_FLOOR_MS = 300;

/** Time as the sign-in route sees it: injected (AppOptions.clock) so tests need no real time. */
export interface Clock {
  /** Milliseconds from any fixed origin (only differences are used). */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** How long to wait still, at `now`, for a response that must not leave before `floorMs`. */
export function remainingWait(startedAt: number, now: number, floorMs = FAILED_SIGN_IN_FLOOR_MS): number {
  return Math.max(0, floorMs - (now - startedAt));
}

/** Waits out the rest of the floor for a request begun at `startedAt` (by `clock`). */
export async function waitOutFloor(
  clock: Clock,
  startedAt: number,
  floorMs = FAILED_SIGN_IN_FLOOR_MS,
): Promise<void> {
  const ms = remainingWait(startedAt, clock.now(), floorMs);
  if (ms > 0) await clock.sleep(ms);
}
