import type { Kysely } from 'kysely';
import { runScript } from '../sql-script';

/**
 * Eligibility rules per area and register imports (issue 15 §2, decision 0041). An area without a
 * rule row has the default (at least one child at home, a parent unemployed at least 12 months,
 * any address in the area). An import is a job: its rows are read and checked into import_row as
 * the file streams in, matched against the register (by CPR, else name + birth date + address),
 * shown as a preview, and committed all-or-nothing in one transaction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    /* sql */ `
    create table area_eligibility_rule (
      municipality_id uuid not null,
      area_id uuid not null,
      min_children_at_home integer not null check (min_children_at_home between 0 and 20),
      min_unemployed_months integer not null check (min_unemployed_months between 0 and 600),
      postal_codes text[] not null default '{}',
      streets text[] not null default '{}',
      version integer not null default 1,
      updated_by uuid,
      updated_at timestamptz not null default now(),
      primary key (municipality_id, area_id),
      foreign key (municipality_id, area_id) references area (municipality_id, id),
      foreign key (municipality_id, updated_by) references app_user (municipality_id, id)
    );

    create table import_job (
      municipality_id uuid not null,
      id uuid not null default gen_random_uuid(),
      area_id uuid not null,
      team_id uuid not null,
      created_by uuid not null,
      file_name text not null,
      state text not null default 'receiving'
        check (state in ('receiving', 'previewed', 'committing', 'committed', 'failed')),
      format text,
      bytes_total bigint,
      bytes_read bigint not null default 0,
      row_count integer not null default 0,
      error_row_count integer not null default 0,
      household_count integer not null default 0,
      create_count integer not null default 0,
      update_count integer not null default 0,
      unsure_count integer not null default 0,
      committed_count integer not null default 0,
      extra_columns text[] not null default '{}',
      missing_columns text[] not null default '{}',
      failure text,
      created_at timestamptz not null default now(),
      finished_at timestamptz,
      primary key (municipality_id, id),
      foreign key (municipality_id, area_id) references area (municipality_id, id),
      foreign key (municipality_id, team_id) references team (municipality_id, id),
      foreign key (municipality_id, created_by) references app_user (municipality_id, id)
    );
    create index import_job_area on import_job (municipality_id, area_id, created_at);

    -- The rows as read and checked; match and household are filled in by the preview.
    create table import_row (
      municipality_id uuid not null,
      job_id uuid not null,
      line integer not null,
      household_key text not null,
      street text not null,
      number text not null,
      entrance text not null,
      floor smallint,
      floor_label text,
      door text not null,
      postal_code text,
      cpr text,
      first_name text not null,
      last_name text not null,
      birth_date date,
      role text,
      unemployed_months numeric(5, 1),
      lives_at_home boolean,
      errors jsonb,
      match text check (match in ('cpr', 'name_address')),
      person_id uuid,
      household_id uuid,
      primary key (municipality_id, job_id, line),
      foreign key (municipality_id, job_id) references import_job (municipality_id, id) on delete cascade
    );
    create index import_row_household on import_row (municipality_id, job_id, household_key);
    create index import_row_problems on import_row (municipality_id, job_id, line)
      where errors is not null or match = 'name_address';
  `,
  );
}

export async function down(): Promise<void> {
  // Migrations move forward only.
}
