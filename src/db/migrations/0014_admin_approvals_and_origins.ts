import type { Kysely } from 'kysely';
import { runScript } from '../sql-script';

/**
 * Issue 12 (docs/decisions/0025-origins-and-second-administrator.md):
 * - `allowed_origin`: origins a municipality's administrator lists besides PUBLIC_URL's, from
 *   which unsafe requests of that municipality's sessions are accepted. Stored as origins
 *   (scheme://host[:port], as toOrigin writes them), unique per municipality.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    /* sql */ `
    create table allowed_origin (
      municipality_id uuid not null references municipality (id),
      id uuid not null default gen_random_uuid(),
      origin text not null,
      added_by uuid,
      added_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, added_by) references app_user (municipality_id, id)
    );
    create unique index allowed_origin_origin on allowed_origin (municipality_id, origin);
  `,
  );
}

export async function down(): Promise<void> {
  // Migrations move forward only.
}
