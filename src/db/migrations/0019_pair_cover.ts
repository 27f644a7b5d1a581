import type { Kysely } from 'kysely';
import { runScript } from '../sql-script';

/**
 * Cover for an absent pair member (issue 14, point 2; decision 0034): the team's leader names a
 * backup from the same team for a period, and while it is in force (today within
 * [starts_on, ends_on], not cancelled) the backup has the pair's access to the absent member's
 * families. "Ended automatically" is the end date itself: nothing has to run when it passes.
 *
 * Overlapping covers of one absent member are refused by the service, which holds the absent
 * member's account row while it checks: an exclusion constraint would need btree_gist, which
 * PGlite does not ship.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    /* sql */ `
    create table pair_cover (
      municipality_id uuid not null,
      id uuid not null default gen_random_uuid(),
      team_id uuid not null,
      absent_id uuid not null,
      backup_id uuid not null,
      starts_on date not null,
      ends_on date not null,
      created_by uuid not null,
      created_at timestamptz not null default now(),
      cancelled_at timestamptz,
      cancelled_by uuid,
      primary key (municipality_id, id),
      foreign key (municipality_id, team_id) references team (municipality_id, id),
      foreign key (municipality_id, absent_id) references app_user (municipality_id, id),
      foreign key (municipality_id, backup_id) references app_user (municipality_id, id),
      foreign key (municipality_id, created_by) references app_user (municipality_id, id),
      foreign key (municipality_id, cancelled_by) references app_user (municipality_id, id),
      constraint pair_cover_not_self check (absent_id <> backup_id),
      constraint pair_cover_period check (starts_on <= ends_on)
    );
    -- The relation statement and "only mine" ask: which covers does this backup hold today?
    create index pair_cover_backup on pair_cover (municipality_id, backup_id, ends_on)
      where cancelled_at is null;
    -- The leader's list and the overlap check: the team's covers, and one absent member's.
    create index pair_cover_team on pair_cover (municipality_id, team_id, ends_on)
      where cancelled_at is null;
    create index pair_cover_absent on pair_cover (municipality_id, absent_id, ends_on)
      where cancelled_at is null;
  `,
  );
}

export async function down(): Promise<void> {
  // Migrations move forward only.
}
