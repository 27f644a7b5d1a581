import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/client';
import { serverUrl, testDatabaseUrl } from '../../support/databases';
import { relationsOf } from '../../support/factories';
import { openHarness } from '../../support/harness';

/**
 * Issue 12 (5), the probe's run: the app's PostgreSQL connections terminated while a pair member
 * saves edits at once. 7 of 25 failed edits were 500 ("Client has encountered a connection error
 * and is not queryable" has no code). Every failure a cut connection causes must be a 503 with
 * Retry-After — to be tried again — and no edit may be half saved. PGlite has no connections to
 * cut; CI has a server.
 */
describe.skipIf(!serverUrl)('connections cut under concurrent edits [postgres]', () => {
  it('answers every edit 200, 409 or 503 with Retry-After — never 500 — and keeps the family whole', async () => {
    // The app's own connections carry a name, so only they are cut (other test files share the database).
    const tag = `staircase_cut_${process.pid}`;
    const url = new URL(testDatabaseUrl()!);
    url.searchParams.set('application_name', tag);
    const h = await openHarness('postgres', url.toString());
    const killer = openDatabase({ url: testDatabaseUrl(), poolSize: 1 });
    try {
      const m = await h.municipality();
      const { household, pair } = relationsOf(m, 0);
      const member = await h.signIn(pair[0]!.username);
      const statuses: number[] = [];
      const started = new Date().toISOString();
      const before = await member.get(`/api/families/${household.id}`);
      expect(before.statusCode).toBe(200);
      let cutting = true;
      const cut = (async () => {
        while (cutting) {
          await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${tag}`.execute(
            killer.kysely,
          );
          await new Promise((resolve) => setTimeout(resolve, 120));
        }
      })();
      // Rounds until both outcomes were seen (the cuts' timing varies with the machine's load).
      for (
        let round = 0;
        round < 30 && !(round >= 5 && statuses.includes(200) && statuses.includes(503));
        round++
      ) {
        const page = await member.get(`/api/families/${household.id}`);
        if (page.statusCode !== 200) {
          statuses.push(page.statusCode);
          continue;
        }
        const version = page.json().version as number;
        const edits = await Promise.all(
          Array.from({ length: 25 }, (_, i) =>
            member.patch(`/api/families/${household.id}`, { version, door: `${round}${i}` }),
          ),
        );
        for (const edit of edits) {
          statuses.push(edit.statusCode);
          if (edit.statusCode === 503) expect(edit.headers['retry-after']).toBe('5');
        }
      }
      cutting = false;
      await cut;
      expect(statuses.filter((s) => ![200, 409, 503].includes(s))).toEqual([]);
      // The cuts did happen, and between them edits went through.
      expect(statuses).toContain(503);
      expect(statuses).toContain(200);
      // Whatever was saved was saved whole: the version counts the saves, and the history has one
      // entry per save.
      const after = await member.get(`/api/families/${household.id}`);
      expect(after.statusCode).toBe(200);
      const history = await member.get(`/api/families/${household.id}/history?pageSize=200`);
      const doorChanges = (history.json().items as { at: string; changes: { field: string }[] }[]).filter(
        (e) => e.at >= started && e.changes.some((c) => c.field === 'door'),
      );
      expect(after.json().version - before.json().version).toBe(doorChanges.length);
    } finally {
      await killer.close();
      await h.app.close();
      await h.db.close();
    }
  });
});
