import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ARGON, DUMMY_PASSWORD_HASH, verifyPassword } from '../../../src/server/auth/credentials';
import {
  type Clock,
  FAILED_SIGN_IN_FLOOR_MS,
  remainingWait,
  waitOutFloor,
} from '../../../src/server/auth/sign-in-pace';

describe('the floor under failed sign-ins', () => {
  it('waits the rest of the floor, nothing once it has passed', () => {
    expect(remainingWait(1_000, 1_000)).toBe(FAILED_SIGN_IN_FLOOR_MS);
    expect(remainingWait(1_000, 1_120, 300)).toBe(180);
    expect(remainingWait(1_000, 1_300, 300)).toBe(0);
    expect(remainingWait(1_000, 1_750, 300)).toBe(0);
  });

  describe('on a fake clock', () => {
    beforeEach(() => {
      vi.useFakeTimers();
    });
    afterEach(() => {
      vi.useRealTimers();
    });
    const fakeClock: Clock = {
      now: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    };

    it('resolves exactly when the floor is reached, measured from the start', async () => {
      const startedAt = fakeClock.now();
      vi.advanceTimersByTime(120);
      let done = false;
      const waiting = waitOutFloor(fakeClock, startedAt, 300).then(() => {
        done = true;
      });
      await vi.advanceTimersByTimeAsync(179);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await waiting;
      expect(done).toBe(true);
    });

    it('does not sleep when the work took longer than the floor', async () => {
      const sleep = vi.fn(fakeClock.sleep);
      const startedAt = fakeClock.now();
      vi.advanceTimersByTime(FAILED_SIGN_IN_FLOOR_MS + 5);
      await waitOutFloor({ ...fakeClock, sleep }, startedAt);
      expect(sleep).not.toHaveBeenCalled();
    });
  });
});

describe('the dummy password hash (verified against for an unknown username)', () => {
  it('has the same argon2id parameters as real hashes, so it costs the same to verify', () => {
    expect(DUMMY_PASSWORD_HASH).toMatch(
      new RegExp(`^\\$argon2id\\$v=19\\$m=${ARGON.memoryCost},t=${ARGON.timeCost},p=${ARGON.parallelism}\\$`),
    );
  });

  it('never lets a password through for an account without a hash', async () => {
    expect(await verifyPassword(null, 'anything')).toBe(false);
    expect(await verifyPassword(null, '')).toBe(false);
  });
});
