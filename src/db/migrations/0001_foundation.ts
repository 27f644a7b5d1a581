import type { Kysely } from 'kysely';
import { runScript } from '../sql-script';

/**
 * The spine: tenancy (municipality → area → team), staff and sign-in, the family register,
 * change history, and the append-only audit log partitioned by month.
 * Every table leads its keys with municipality_id so a national installation can shard by it.
 * Runs on PostgreSQL 15 (CI's server) and PGlite (PostgreSQL 17): no 17-only syntax.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    /* sql */ `
    create table municipality (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      mfa_required boolean not null default true,
      demo boolean not null default false,
      break_glass_minutes integer not null default 60 check (break_glass_minutes between 5 and 1440),
      created_at timestamptz not null default now()
    );

    create table area (
      municipality_id uuid not null references municipality (id),
      id uuid not null default gen_random_uuid(),
      name text not null,
      primary key (municipality_id, id),
      unique (municipality_id, name)
    );

    create table department (
      municipality_id uuid not null references municipality (id),
      id uuid not null default gen_random_uuid(),
      code text not null,
      primary key (municipality_id, id),
      unique (municipality_id, code)
    );

    create table team (
      municipality_id uuid not null,
      id uuid not null default gen_random_uuid(),
      area_id uuid not null,
      name text not null,
      primary key (municipality_id, id),
      foreign key (municipality_id, area_id) references area (municipality_id, id)
    );

    create table app_user (
      municipality_id uuid not null references municipality (id),
      id uuid not null default gen_random_uuid(),
      username text not null,
      display_name text not null,
      email text,
      role text not null check (role in ('team_member', 'team_leader', 'analyst', 'administrator')),
      team_id uuid,
      department_id uuid,
      password_hash text,
      totp_secret text,
      totp_enabled_at timestamptz,
      recovery_code_hashes text[] not null default '{}',
      oidc_subject text,
      locale text not null default 'da' check (locale in ('da', 'en')),
      failed_logins integer not null default 0,
      locked_until timestamptz,
      disabled_at timestamptz,
      created_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, team_id) references team (municipality_id, id),
      foreign key (municipality_id, department_id) references department (municipality_id, id),
      check (role not in ('team_member', 'team_leader') or team_id is not null)
    );
    -- Sign-in does not know the municipality yet, so usernames are unique installation-wide.
    create unique index app_user_username on app_user (lower(username));
    create unique index app_user_oidc_subject on app_user (oidc_subject) where oidc_subject is not null;
    create index app_user_team on app_user (municipality_id, team_id);

    -- A session is found by the hash of its cookie token, never by the token itself.
    create table user_session (
      id text primary key,
      municipality_id uuid not null,
      user_id uuid not null,
      stage text not null check (stage in ('totp', 'enrol', 'done')),
      csrf_token text not null,
      pending_totp_secret text,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      foreign key (municipality_id, user_id) references app_user (municipality_id, id)
    );
    create index user_session_user on user_session (municipality_id, user_id);

    create table household (
      municipality_id uuid not null,
      id uuid not null default gen_random_uuid(),
      team_id uuid not null,
      area_id uuid not null,
      reference text not null,
      street text not null,
      building_number text not null,
      entrance text,
      floor text,
      door text,
      postal_code text,
      status text not null default 'enrolled' check (status in ('enrolled', 'exited')),
      enrolled_on date,
      exited_on date,
      -- Kept by the families service in the same transaction as the members it summarises.
      search_text text not null,
      sort_name text not null,
      adult_count integer not null default 0,
      child_count integer not null default 0,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (municipality_id, id),
      unique (municipality_id, reference),
      foreign key (municipality_id, team_id) references team (municipality_id, id),
      foreign key (municipality_id, area_id) references area (municipality_id, id),
      check (exited_on is null or enrolled_on is null or exited_on >= enrolled_on)
    );
    create index household_team_reference on household (municipality_id, team_id, reference);
    create index household_team_sort_name on household (municipality_id, team_id, sort_name);
    create index household_team_updated on household (municipality_id, team_id, updated_at);

    create table person (
      municipality_id uuid not null,
      id uuid not null default gen_random_uuid(),
      household_id uuid not null,
      first_name text not null,
      last_name text not null,
      cpr text check (cpr ~ '^[0-9]{6}-[0-9]{4}$'),
      birth_date date not null,
      household_role text not null check (household_role in ('parent', 'other_adult', 'child')),
      country_of_origin text check (country_of_origin ~ '^[A-Z]{2}$'),
      languages text[] not null default '{}',
      interpreter_needed boolean not null default false,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, household_id) references household (municipality_id, id)
    );
    create index person_household on person (municipality_id, household_id);
    create unique index person_cpr on person (municipality_id, cpr) where cpr is not null;

    -- The family's pair ("the couple"): exactly two team members. History is kept: a new
    -- pair ends the previous row instead of overwriting it.
    create table pair_assignment (
      municipality_id uuid not null,
      id uuid not null default gen_random_uuid(),
      household_id uuid not null,
      first_member_id uuid not null,
      second_member_id uuid not null,
      assigned_by uuid not null,
      assigned_at timestamptz not null default now(),
      ended_at timestamptz,
      primary key (municipality_id, id),
      foreign key (municipality_id, household_id) references household (municipality_id, id),
      foreign key (municipality_id, first_member_id) references app_user (municipality_id, id),
      foreign key (municipality_id, second_member_id) references app_user (municipality_id, id),
      foreign key (municipality_id, assigned_by) references app_user (municipality_id, id),
      check (first_member_id <> second_member_id)
    );
    create unique index pair_assignment_current on pair_assignment (municipality_id, household_id)
      where ended_at is null;
    create index pair_assignment_first on pair_assignment (municipality_id, first_member_id)
      where ended_at is null;
    create index pair_assignment_second on pair_assignment (municipality_id, second_member_id)
      where ended_at is null;

    create table consent (
      municipality_id uuid not null,
      id uuid not null default gen_random_uuid(),
      household_id uuid not null,
      person_id uuid,
      purpose text not null,
      scope text,
      given_on date not null,
      withdrawn_on date,
      recorded_by uuid not null,
      created_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, household_id) references household (municipality_id, id),
      foreign key (municipality_id, person_id) references person (municipality_id, id),
      foreign key (municipality_id, recorded_by) references app_user (municipality_id, id),
      check (withdrawn_on is null or withdrawn_on >= given_on)
    );
    create index consent_household on consent (municipality_id, household_id);

    -- Who changed what, when: the family page's history. Values of CPR numbers are masked.
    create table change_record (
      municipality_id uuid not null,
      id bigserial not null,
      household_id uuid not null,
      entity text not null,
      entity_id uuid not null,
      action text not null,
      changes jsonb not null,
      changed_by uuid not null,
      changed_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, household_id) references household (municipality_id, id),
      foreign key (municipality_id, changed_by) references app_user (municipality_id, id)
    );
    create index change_record_household on change_record (municipality_id, household_id, id desc);

    create table break_glass_grant (
      municipality_id uuid not null,
      id uuid not null default gen_random_uuid(),
      user_id uuid not null,
      household_id uuid not null,
      reason text not null,
      granted_at timestamptz not null default now(),
      expires_at timestamptz not null,
      primary key (municipality_id, id),
      foreign key (municipality_id, user_id) references app_user (municipality_id, id),
      foreign key (municipality_id, household_id) references household (municipality_id, id)
    );
    create index break_glass_grant_user on break_glass_grant (municipality_id, user_id, household_id, expires_at);

    -- Append-only, partitioned by month (50 million rows at national scale). bigserial, not
    -- an identity column: PostgreSQL 15 has no identity columns on partitioned tables.
    create table audit_event (
      municipality_id uuid not null,
      id bigserial not null,
      at timestamptz not null default now(),
      actor_id uuid,
      actor_role text,
      action text not null,
      entity text not null,
      entity_id uuid,
      household_id uuid,
      fields text[] not null default '{}',
      purpose text not null,
      break_glass boolean not null default false,
      primary key (municipality_id, at, id)
    ) partition by range (at);
    create table audit_event_default partition of audit_event default;
    create index audit_event_household on audit_event (municipality_id, household_id, at);
    create index audit_event_actor on audit_event (municipality_id, actor_id, at);

    create function audit_event_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_event is append-only';
    end;
    $$;
    create trigger audit_event_no_change before update or delete on audit_event
      for each row execute function audit_event_append_only();
  `,
  );
}

export async function down(): Promise<void> {
  // Migrations move forward only: a landed migration is never undone or edited.
}
