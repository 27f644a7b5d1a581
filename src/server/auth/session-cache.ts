/**
 * Signed-in sessions as last read from the database, kept for a few seconds.
 *
 * Every API request starts by looking up its session: without this cache that is a second
 * round trip to the database on every request, as costly as the family list's own statement
 * (bench/README.md). Only the row is kept; the idle and absolute time-outs are still checked
 * on every request against it, so a cached session expires on time.
 *
 * Changes made through this server (sign-out, an account disabled or its role changed, a new
 * language) call `forget` or `forgetUser` at once. Changes made elsewhere on a PostgreSQL
 * server — another instance, the CLI — arrive as events (session-events.ts); without them
 * (the listener is down) the cache is suspended. The lifetime `ttlMs` (5 s,
 * STAIRCASE_SESSION_CACHE_SECONDS; 0 turns the cache off) bounds what a change made straight
 * in the database, outside Staircase, can miss. See docs/decisions/0013-one-round-trip-per-list.md.
 */
export interface CachedSessionRow {
  id: string;
  municipality_id: string;
  user_id: string;
  stage: 'totp' | 'enrol' | 'done';
  created_at: Date;
  last_seen_at: Date;
}

const MAX_ENTRIES = 10_000;

export class SessionCache<Row extends CachedSessionRow = CachedSessionRow> {
  private readonly entries = new Map<string, { row: Row; readAt: number }>();
  /**
   * When a session or an account was last forgotten. A request that read the row just before
   * a sign-out committed must not put it back afterwards, so for one lifetime after `forget`
   * nothing of that session or account is remembered.
   */
  private readonly forgottenSessions = new Map<string, number>();
  private readonly forgottenUsers = new Map<string, number>();
  /** Off while the instance cannot hear other instances' events (session-events.ts). */
  private suspended = false;
  /**
   * Bumped by every suspend: a row read from the database in an earlier generation may have
   * missed an event while nobody listened, so it is not remembered (pass the generation seen
   * before the read to `remember`).
   */
  generation = 0;

  constructor(
    private readonly ttlMs: number,
    /** Monotonic milliseconds; tests pass their own clock. */
    private readonly clock: () => number = () => performance.now(),
  ) {}

  get(id: string): Row | undefined {
    if (this.suspended) return undefined;
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (this.clock() - entry.readAt >= this.ttlMs) {
      this.entries.delete(id);
      return undefined;
    }
    return entry.row;
  }

  /** Remembers a fully signed-in session; the steps of signing in always read the database. */
  remember(row: Row, readInGeneration = this.generation): void {
    if (this.ttlMs <= 0 || this.suspended || row.stage !== 'done') return;
    if (readInGeneration !== this.generation) return;
    if (this.recentlyForgotten(this.forgottenSessions, row.id)) return;
    if (this.recentlyForgotten(this.forgottenUsers, row.user_id)) return;
    this.entries.delete(row.id);
    this.entries.set(row.id, { row, readAt: this.clock() });
    // A Map iterates in insertion order: the first key is the longest kept.
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }

  forget(id: string): void {
    this.entries.delete(id);
    this.tombstone(this.forgottenSessions, id);
  }

  /** Every session of one account: it was disabled or changed. */
  forgetUser(userId: string): void {
    for (const [id, entry] of this.entries) if (entry.row.user_id === userId) this.entries.delete(id);
    this.tombstone(this.forgottenUsers, userId);
  }

  /**
   * Every session of one municipality: a setting the session check reads changed (a second
   * factor now required, decision 0018). A new generation, so a row of any account read before
   * the change is not remembered after it; settings change seldom, the cost is one read each.
   */
  forgetMunicipality(municipalityId: string): void {
    for (const [id, entry] of this.entries) {
      if (entry.row.municipality_id === municipalityId) this.entries.delete(id);
    }
    this.generation += 1;
  }

  private tombstone(marks: Map<string, number>, key: string): void {
    if (this.ttlMs <= 0) return;
    const now = this.clock();
    marks.delete(key);
    marks.set(key, now);
    // Marks are kept in time order: drop the expired ones from the front.
    for (const [oldest, at] of marks) {
      if (now - at < this.ttlMs && marks.size <= MAX_ENTRIES) break;
      marks.delete(oldest);
    }
  }

  private recentlyForgotten(marks: Map<string, number>, key: string): boolean {
    const at = marks.get(key);
    return at !== undefined && this.clock() - at < this.ttlMs;
  }

  /** Forgets everything and keeps nothing until `resume`. */
  suspend(): void {
    this.suspended = true;
    this.generation += 1;
    this.entries.clear();
  }

  resume(): void {
    this.suspended = false;
  }

  get size(): number {
    return this.entries.size;
  }
}
