import type { Kysely } from 'kysely';
import { runScript } from '../sql-script';

/**
 * Issue 12 (docs/decisions/0025-origins-and-second-administrator.md):
 * - `allowed_origin`: origins a municipality's administrator lists besides PUBLIC_URL's, from
 *   which unsafe requests of that municipality's sessions are accepted. Stored as origins
 *   (scheme://host[:port], as toOrigin writes them), unique per municipality.
 * - `admin_approval`: an administrator's request to reset a team leader's or an administrator's
 *   way in (password, second factor, single sign-on), waiting for another administrator's
 *   decision until `expires_at`. `password_hash` / `oidc_subject` hold what the reset will set,
 *   and are cleared when it is decided (the hash is never kept longer than it is needed).
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

    create table admin_approval (
      municipality_id uuid not null references municipality (id),
      id uuid not null default gen_random_uuid(),
      kind text not null check (kind in ('password', 'second_factor', 'single_sign_on')),
      target_id uuid not null,
      requested_by uuid not null,
      requested_at timestamptz not null default now(),
      expires_at timestamptz not null,
      password_hash text,
      oidc_subject text,
      decided_by uuid,
      decided_at timestamptz,
      decision text check (decision in ('approved', 'refused')),
      reason text,
      primary key (municipality_id, id),
      foreign key (municipality_id, target_id) references app_user (municipality_id, id),
      foreign key (municipality_id, requested_by) references app_user (municipality_id, id),
      foreign key (municipality_id, decided_by) references app_user (municipality_id, id),
      check ((decision is null) = (decided_at is null) and (decision is null) = (decided_by is null))
    );
    -- The pending ones, as the administrators' list reads them.
    create index admin_approval_pending on admin_approval (municipality_id, expires_at)
      where decision is null;
  `,
  );
}

export async function down(): Promise<void> {
  // Migrations move forward only.
}
