import { describe, expect, it } from 'vitest';
import { type CachedSessionRow, SessionCache } from '../../../src/server/auth/session-cache';

const row = (
  id: string,
  userId = 'u1',
  stage: CachedSessionRow['stage'] = 'done',
  municipalityId = 'm1',
): CachedSessionRow => ({
  id,
  municipality_id: municipalityId,
  user_id: userId,
  stage,
  created_at: new Date('2026-11-25T08:00:00Z'),
  last_seen_at: new Date('2026-11-25T08:00:00Z'),
});

describe('SessionCache', () => {
  it('keeps a session for its time to live and no longer', () => {
    let now = 0;
    const cache = new SessionCache(5_000, () => now);
    cache.remember(row('a'));
    now = 4_999;
    expect(cache.get('a')?.id).toBe('a');
    now = 5_000;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('never keeps a half-signed-in session, and keeps nothing when turned off', () => {
    const cache = new SessionCache(5_000, () => 0);
    cache.remember(row('totp', 'u1', 'totp'));
    cache.remember(row('enrol', 'u1', 'enrol'));
    expect(cache.size).toBe(0);
    const off = new SessionCache(0, () => 0);
    off.remember(row('a'));
    expect(off.get('a')).toBeUndefined();
  });

  it('forgets one session, or every session of one account', () => {
    const cache = new SessionCache(5_000, () => 0);
    cache.remember(row('a', 'u1'));
    cache.remember(row('b', 'u1'));
    cache.remember(row('c', 'u2'));
    cache.forget('c');
    expect(cache.get('c')).toBeUndefined();
    cache.forgetUser('u1');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('forgets every session of one municipality, and no row read before that is taken back', () => {
    const cache = new SessionCache(5_000, () => 0);
    cache.remember(row('a', 'u1', 'done', 'm1'));
    cache.remember(row('b', 'u2', 'done', 'm1'));
    cache.remember(row('c', 'u3', 'done', 'm2'));
    const readBefore = cache.generation;
    cache.forgetMunicipality('m1');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('c')?.id).toBe('c');
    // A request that read its row before the setting changed cannot put it back.
    cache.remember(row('a', 'u1', 'done', 'm1'), readBefore);
    expect(cache.get('a')).toBeUndefined();
    cache.remember(row('a', 'u1', 'done', 'm1'));
    expect(cache.get('a')?.id).toBe('a');
  });

  it('holds at most 10,000 sessions, letting the longest kept go first', () => {
    const cache = new SessionCache(5_000, () => 0);
    for (let i = 0; i <= 10_000; i++) cache.remember(row(`s${i}`));
    expect(cache.size).toBe(10_000);
    expect(cache.get('s0')).toBeUndefined();
    expect(cache.get('s10000')?.id).toBe('s10000');
  });
});

describe('SessionCache after a sign-out', () => {
  it('does not take back a session read just before it was forgotten, for one lifetime', () => {
    let now = 0;
    const cache = new SessionCache(5_000, () => now);
    // A request read the row, then the session was signed out, then the request remembers.
    const readBeforeSignOut = row('a');
    cache.forget('a');
    cache.remember(readBeforeSignOut);
    expect(cache.get('a')).toBeUndefined();
    now = 5_000;
    cache.remember(row('a'));
    expect(cache.get('a')?.id).toBe('a');
  });

  it('does not take back any session of an account forgotten a moment ago', () => {
    let now = 0;
    const cache = new SessionCache(5_000, () => now);
    cache.forgetUser('u1');
    cache.remember(row('a', 'u1'));
    cache.remember(row('b', 'u2'));
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')?.id).toBe('b');
    now = 5_001;
    cache.remember(row('a', 'u1'));
    expect(cache.get('a')?.id).toBe('a');
  });
});

describe('SessionCache while nobody listens for other instances', () => {
  it('keeps nothing while suspended, and never a row read before the suspension', () => {
    const cache = new SessionCache(5_000, () => 0);
    cache.remember(row('a'));
    const before = cache.generation;
    cache.suspend();
    expect(cache.get('a')).toBeUndefined();
    cache.remember(row('b'));
    expect(cache.get('b')).toBeUndefined();
    cache.resume();
    // Read before the connection was lost, remembered after it came back: it may have missed an event.
    cache.remember(row('c'), before);
    expect(cache.get('c')).toBeUndefined();
    cache.remember(row('d'), cache.generation);
    expect(cache.get('d')?.id).toBe('d');
  });
});
