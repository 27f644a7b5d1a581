import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { describe, expect, it } from 'vitest';
import { compiledOnce } from '../../../src/db/compiled-once';
import type { Database } from '../../../src/db/schema';

const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

let builds = 0;
const byTeam = compiledOnce(
  (q, v: { municipalityId: string; teamId: string; status?: string }, shape: { status: boolean }) => {
    builds += 1;
    return q
      .selectFrom('household')
      .select('id')
      .where('municipality_id', '=', v.municipalityId)
      .where('team_id', '=', v.teamId)
      .$if(shape.status, (qb) => qb.where('status', '=', v.status as 'enrolled'));
  },
);

describe('compiledOnce', () => {
  it('builds a shape once and binds each call’s own values, in the statement’s order', () => {
    builds = 0;
    const first = byTeam(db, { status: false }, { municipalityId: 'm1', teamId: 't1' });
    const second = byTeam(db, { status: false }, { teamId: 't2', municipalityId: 'm2' });
    expect(builds).toBe(1);
    expect(second.sql).toBe(first.sql);
    expect(first.parameters).toEqual(['m1', 't1']);
    expect(second.parameters).toEqual(['m2', 't2']);
  });

  it('compiles another shape to its own SQL, equal to what the builder makes directly', () => {
    const withStatus = byTeam(db, { status: true }, { municipalityId: 'm', teamId: 't', status: 'exited' });
    const direct = db
      .selectFrom('household')
      .select('id')
      .where('municipality_id', '=', 'm')
      .where('team_id', '=', 't')
      .where('status', '=', 'exited')
      .compile();
    expect(withStatus.sql).toBe(direct.sql);
    expect(withStatus.parameters).toEqual(direct.parameters);
  });

  it('refuses to send a statement with a value missing', () => {
    expect(() => byTeam(db, { status: true }, { municipalityId: 'm', teamId: 't' })).toThrow(/status/);
  });
});
