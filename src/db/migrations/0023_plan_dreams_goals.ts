import type { Kysely } from 'kysely';
import { runScript } from '../sql-script';

/**
 * The family's plan in its own words (issue 14 point 3; decision 0039): dreams per family member,
 * as said and in the language said, with an optional Danish rendering; goals per competence
 * domain with the family's own priority, the date agreed and the members who agreed. Every change
 * of the plan writes a numbered version (`plan_version`): the whole plan as it then stood and what
 * changed, so an earlier version reads as it was and a version shows its change. The family route
 * locks the household row for a write, so versions of one family are numbered without a gap.
 *
 * Also (point 4): a task's helpers besides its owner and the goal it serves; and a staff member's
 * work phone number, printed on the kitchen-table plan beside the pair's names.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    /* sql */ `
    create table plan_dream (
      municipality_id uuid not null,
      id uuid not null default gen_random_uuid(),
      household_id uuid not null,
      person_id uuid not null,
      words text not null,
      language text not null check (language ~ '^[a-z]{2}$'),
      danish text,
      created_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, household_id) references household (municipality_id, id),
      foreign key (municipality_id, person_id) references person (municipality_id, id)
    );
    create index plan_dream_household on plan_dream (municipality_id, household_id, created_at);

    create table plan_goal (
      municipality_id uuid not null,
      id uuid not null default gen_random_uuid(),
      household_id uuid not null,
      domain_id uuid not null,
      words text not null,
      priority smallint not null,
      agreed_on date,
      agreed_by_person_ids uuid[] not null default '{}',
      created_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, household_id) references household (municipality_id, id),
      foreign key (municipality_id, domain_id) references competence_domain (municipality_id, id),
      constraint plan_goal_priority check (priority between 1 and 9)
    );
    create index plan_goal_household on plan_goal (municipality_id, household_id, priority);

    -- Version N of a family's plan: the plan after the change, and the change. Version 0 is the
    -- empty plan and has no row.
    create table plan_version (
      municipality_id uuid not null,
      household_id uuid not null,
      version integer not null,
      snapshot jsonb not null,
      changes jsonb not null,
      changed_by uuid not null,
      changed_at timestamptz not null default now(),
      primary key (municipality_id, household_id, version),
      foreign key (municipality_id, household_id) references household (municipality_id, id),
      foreign key (municipality_id, changed_by) references app_user (municipality_id, id),
      constraint plan_version_positive check (version >= 1)
    );

    alter table task add column goal_id uuid;
    alter table task add foreign key (municipality_id, goal_id) references plan_goal (municipality_id, id);
    create index task_goal on task (municipality_id, goal_id) where goal_id is not null;

    create table task_helper (
      municipality_id uuid not null,
      task_id uuid not null,
      user_id uuid not null,
      primary key (municipality_id, task_id, user_id),
      foreign key (municipality_id, task_id) references task (municipality_id, id),
      foreign key (municipality_id, user_id) references app_user (municipality_id, id)
    );
    -- A helper's own lists.
    create index task_helper_user on task_helper (municipality_id, user_id);

    alter table app_user add column work_phone text
      check (work_phone ~ '^\\+?[0-9 ]+$' and length(regexp_replace(work_phone, '[^0-9]', '', 'g')) between 8 and 15);
  `,
  );
}

export async function down(): Promise<void> {
  // Migrations move forward only.
}
