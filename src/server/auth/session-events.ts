import { sql } from 'kysely';
import pg from 'pg';
import type { Q } from '../../db/queryable';
import type { SessionCache } from './session-cache';

/**
 * Sessions ended and accounts changed, told to every server instance on the same PostgreSQL
 * database (LISTEN/NOTIFY), so each drops what its session cache holds at once — a sign-out on
 * one instance, an account disabled on another or with the CLI. Sent inside the transaction
 * that makes the change, PostgreSQL delivers it on commit and never for a rollback.
 * On PGlite there is one process (the data folder is locked), and nobody listens.
 */
export const SESSION_CHANNEL = 'staircase_sessions';

/** The listening connection's name in pg_stat_activity. */
export const LISTENER_NAME = 'staircase-session-events';

export type SessionEvent = { session: string } | { user: string } | { municipality: string };

export async function announce(db: Q, event: SessionEvent) {
  await sql`select pg_notify(${SESSION_CHANNEL}, ${JSON.stringify(event)})`.execute(db);
}

export interface SessionListener {
  /** Resolves with the next applied event that `matches` (for tests and diagnostics). */
  nextEvent(matches?: (event: SessionEvent) => boolean): Promise<SessionEvent>;
  close(): Promise<void>;
}

/**
 * Listens on its own connection. While it is not connected the cache is switched off — an
 * event could be missed — and every request reads its session from the database again.
 */
export async function listenForSessionEvents(
  url: string,
  cache: Pick<SessionCache, 'forget' | 'forgetUser' | 'forgetMunicipality' | 'suspend' | 'resume'>,
  onError: (error: Error) => void,
): Promise<SessionListener> {
  let client: pg.Client | undefined;
  let closed = false;
  let waiters: { matches: (event: SessionEvent) => boolean; wake: (event: SessionEvent) => void }[] = [];

  const apply = (payload: string | undefined) => {
    let event: SessionEvent;
    try {
      event = JSON.parse(payload ?? '') as SessionEvent;
    } catch {
      return;
    }
    if (!event || typeof event !== 'object') return;
    if ('session' in event && typeof event.session === 'string') cache.forget(event.session);
    else if ('user' in event && typeof event.user === 'string') cache.forgetUser(event.user);
    else if ('municipality' in event && typeof event.municipality === 'string') {
      cache.forgetMunicipality(event.municipality);
    } else return;
    const woken = waiters.filter((w) => w.matches(event));
    waiters = waiters.filter((w) => !woken.includes(w));
    for (const w of woken) w.wake(event);
  };

  let retry: NodeJS.Timeout | undefined;
  /** Tries again in a second, as often as it takes, until closed. */
  const schedule = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect().catch((error: Error) => {
        onError(error);
        schedule();
      });
    }, 1_000);
    retry.unref();
  };

  const connect = async (): Promise<void> => {
    // keepAlive: a connection cut without a reset would otherwise look alive and hear nothing.
    const next = new pg.Client({
      connectionString: url,
      application_name: LISTENER_NAME,
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
    });
    next.on('notification', (message) => {
      if (message.channel === SESSION_CHANNEL) apply(message.payload);
    });
    next.on('error', onError);
    next.on('end', () => {
      // Only the connection in use: one that failed while connecting is retried by schedule().
      if (client !== next) return;
      client = undefined;
      cache.suspend();
      schedule();
    });
    try {
      await next.connect();
      await next.query(`listen ${SESSION_CHANNEL}`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    if (closed) {
      await next.end();
      return;
    }
    client = next;
    // Suspended until now, and suspend() began a new generation: a row read before can't be kept.
    cache.resume();
  };

  // The server starts even if this connection cannot be made yet: the cache stays off meanwhile.
  cache.suspend();
  await connect().catch((error: Error) => {
    onError(error);
    schedule();
  });
  return {
    nextEvent: (matches = () => true) => new Promise((wake) => waiters.push({ matches, wake })),
    async close() {
      closed = true;
      clearTimeout(retry);
      const current = client;
      client = undefined;
      await current?.end();
    },
  };
}
