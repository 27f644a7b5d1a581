import type { Kysely } from 'kysely';
import { runScript } from '../sql-script';

/**
 * Appointments (journal, issue 14 §6; decision 0038): a date and time, a place, the staff who take
 * part, with the family and/or another authority — a family is optional (a meeting with the job
 * centre about no family in particular), but an appointment is with somebody: the family or an
 * authority. Cancelled appointments are kept (cancelled_at), so "My appointments" and the family's
 * page can tell what happened; edits are guarded by `version` (409 on a stale one).
 *
 * Each staff member may subscribe to their own appointments as an ICS feed: a secret URL whose
 * token is stored only as its SHA-256 (like sessions), revocable (revoked_at), with an opt-in to
 * details — by default a calendar outside Staircase learns only initials and the kind of meeting.
 * The feed is looked up by the hash alone (the public URL does not know the municipality), so the
 * hash is unique installation-wide, as the session's is.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    /* sql */ `
    create table appointment (
      municipality_id uuid not null,
      id uuid not null default gen_random_uuid(),
      household_id uuid,
      kind text not null,
      title text,
      other_authority text,
      place text,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      created_by uuid not null,
      cancelled_at timestamptz,
      cancelled_by uuid,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, household_id) references household (municipality_id, id),
      foreign key (municipality_id, created_by) references app_user (municipality_id, id),
      foreign key (municipality_id, cancelled_by) references app_user (municipality_id, id),
      constraint appointment_kind check (kind in ('home_visit', 'office_meeting', 'network_meeting', 'authority_meeting', 'phone_call', 'other')),
      constraint appointment_ends_after_start check (ends_at > starts_at),
      -- With somebody: the family, another authority, or both.
      constraint appointment_with_whom check (household_id is not null or other_authority is not null),
      constraint appointment_cancelled check ((cancelled_at is null) = (cancelled_by is null))
    );
    -- The family page's appointments, in time order.
    create index appointment_household on appointment (municipality_id, household_id, starts_at)
      where household_id is not null;

    create table appointment_participant (
      municipality_id uuid not null,
      appointment_id uuid not null,
      user_id uuid not null,
      primary key (municipality_id, appointment_id, user_id),
      foreign key (municipality_id, appointment_id) references appointment (municipality_id, id),
      foreign key (municipality_id, user_id) references app_user (municipality_id, id)
    );
    -- "My appointments this week" and the feed: a person's appointments.
    create index appointment_participant_user on appointment_participant (municipality_id, user_id, appointment_id);

    create table calendar_feed (
      municipality_id uuid not null,
      user_id uuid not null,
      token_hash text not null,
      details boolean not null default false,
      created_at timestamptz not null default now(),
      revoked_at timestamptz,
      primary key (municipality_id, user_id),
      foreign key (municipality_id, user_id) references app_user (municipality_id, id)
    );
    create unique index calendar_feed_token on calendar_feed (token_hash);
  `,
  );
}

export async function down(): Promise<void> {
  // Migrations move forward only.
}
