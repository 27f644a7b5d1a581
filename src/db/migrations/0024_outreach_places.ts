import type { Kysely } from 'kysely';
import { runScript } from '../sql-script';

/**
 * Outreach places (issue 15 §1, decision 0040): area → building → staircase (an address: street,
 * number, entrance letter) → apartment (floor, door). An address is one staircase in the
 * municipality, so the import finds it by address. The household is the family register's own
 * row through its whole life: it gets its apartment, its outreach status (the cell's colour) and
 * its eligibility with reasons; a household found by outreach and not (yet) enrolled has status
 * 'prospect' — the family register lists enrolled and exited ones as before. Members get the two
 * facts the eligibility rule reads: months of unemployment (adults) and living at home (children).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    /* sql */ `
    create table building (
      municipality_id uuid not null,
      id uuid not null default gen_random_uuid(),
      area_id uuid not null,
      name text not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, area_id) references area (municipality_id, id)
    );
    create unique index building_name on building (municipality_id, area_id, lower(name));

    create table staircase (
      municipality_id uuid not null,
      id uuid not null default gen_random_uuid(),
      building_id uuid not null,
      street text not null,
      number text not null,
      entrance text not null default '',
      postal_code text check (postal_code ~ '^[0-9]{4}$'),
      primary key (municipality_id, id),
      foreign key (municipality_id, building_id) references building (municipality_id, id)
    );
    create unique index staircase_address on staircase (municipality_id, lower(street), lower(number), lower(entrance));
    create index staircase_building on staircase (municipality_id, building_id);

    create table apartment (
      municipality_id uuid not null,
      id uuid not null default gen_random_uuid(),
      staircase_id uuid not null,
      floor smallint not null,
      door text not null default '',
      primary key (municipality_id, id),
      foreign key (municipality_id, staircase_id) references staircase (municipality_id, id)
    );
    create unique index apartment_place on apartment (municipality_id, staircase_id, floor, lower(door));

    alter table household drop constraint household_status_check;
    alter table household add constraint household_status_check
      check (status in ('prospect', 'enrolled', 'exited'));
    alter table household
      add column apartment_id uuid,
      add column outreach_status text not null default 'enrolled'
        constraint household_outreach_status check (outreach_status in (
          'not_eligible', 'eligible', 'not_home', 'talked', 'call_back', 'not_interested',
          'interested', 'enrolled', 'comparison')),
      add column eligible boolean,
      add column eligibility jsonb,
      add foreign key (municipality_id, apartment_id) references apartment (municipality_id, id);
    create index household_apartment on household (municipality_id, apartment_id) where apartment_id is not null;

    alter table person
      add column unemployed_months numeric(5, 1) check (unemployed_months between 0 and 600),
      add column lives_at_home boolean;
    -- The import's second way to find a person: name, birth date (and address, in the query).
    create index person_birth_name on person (municipality_id, birth_date, lower(last_name), lower(first_name));
  `,
  );
}

export async function down(): Promise<void> {
  // Migrations move forward only.
}
