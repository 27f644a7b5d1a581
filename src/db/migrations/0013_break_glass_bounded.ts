import type { Kysely } from 'kysely';
import { runScript } from '../sql-script';

/**
 * Break-the-glass bounded (issue 12, decision 0024): a person opens at most
 * `break_glass_daily_limit` families by break-the-glass in 24 hours; past it, the request waits
 * in `break_glass_request` for a leader's (or administrator's) decision. A grant made by a
 * decision names its request. `break_glass_seen` is how far each leader has looked at the
 * grants on the team's families, so newer ones are flagged at their next page load.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    /* sql */ `
    alter table municipality add column break_glass_daily_limit integer not null default 3
      check (break_glass_daily_limit between 0 and 50);

    create table break_glass_request (
      municipality_id uuid not null,
      id uuid not null default gen_random_uuid(),
      requester_id uuid not null,
      household_id uuid not null,
      reason text not null,
      requested_at timestamptz not null default now(),
      decided_by uuid,
      decided_at timestamptz,
      granted boolean,
      decision_reason text,
      primary key (municipality_id, id),
      foreign key (municipality_id, requester_id) references app_user (municipality_id, id),
      foreign key (municipality_id, household_id) references household (municipality_id, id),
      foreign key (municipality_id, decided_by) references app_user (municipality_id, id),
      -- Decided all at once or not at all; never by the one who asked.
      check ((decided_at is null) = (decided_by is null) and (decided_at is null) = (granted is null)
        and (decided_at is null) = (decision_reason is null)),
      check (decided_by is null or decided_by <> requester_id)
    );
    -- One open request per person and family: asking again while it waits is the same request.
    create unique index break_glass_request_open on break_glass_request (municipality_id, requester_id, household_id)
      where decided_at is null;
    create index break_glass_request_pending on break_glass_request (municipality_id, requested_at)
      where decided_at is null;
    create index break_glass_request_requester on break_glass_request (municipality_id, requester_id, requested_at);

    alter table break_glass_grant add column request_id uuid;
    alter table break_glass_grant add constraint break_glass_grant_request
      foreign key (municipality_id, request_id) references break_glass_request (municipality_id, id);
    create index break_glass_grant_granted on break_glass_grant (municipality_id, granted_at);

    create table break_glass_seen (
      municipality_id uuid not null,
      user_id uuid not null,
      seen_at timestamptz not null,
      primary key (municipality_id, user_id),
      foreign key (municipality_id, user_id) references app_user (municipality_id, id)
    );
  `,
  );
}

export async function down(): Promise<void> {
  // Migrations move forward only.
}
