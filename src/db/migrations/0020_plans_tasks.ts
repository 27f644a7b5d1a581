import type { Kysely } from 'kysely';
import { runScript } from '../sql-script';

/**
 * Tasks the family defines, routed by level (issue 14 point 4; decisions 0035, 0036). A task is
 * the family's own words, a domain and a level; its owner is one of the pair (the pair is
 * responsible for every task), and a level 2/3 task may be routed to one specialist, who is then
 * asked, accepts or hands it back. While routed and open, the specialist reads the family's tasks
 * (the relation statement asks `task_routed_open`). History goes to change_record (entity `task`),
 * as the family's own changes do, so the family's history shows both.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    /* sql */ `
    create table task (
      municipality_id uuid not null,
      id uuid not null default gen_random_uuid(),
      household_id uuid not null,
      words text not null,
      raised_by_person_id uuid,
      raised_by_staff_id uuid,
      domain_id uuid not null,
      level smallint not null,
      owner_id uuid not null,
      routed_to uuid,
      routing_state text not null default 'none',
      hand_back_reason text,
      due_on date,
      state text not null default 'open',
      drop_reason text,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, household_id) references household (municipality_id, id),
      foreign key (municipality_id, raised_by_person_id) references person (municipality_id, id),
      foreign key (municipality_id, raised_by_staff_id) references app_user (municipality_id, id),
      foreign key (municipality_id, domain_id) references competence_domain (municipality_id, id),
      foreign key (municipality_id, owner_id) references app_user (municipality_id, id),
      foreign key (municipality_id, routed_to) references app_user (municipality_id, id),
      constraint task_level check (level between 1 and 3),
      constraint task_routing_state check (routing_state in ('none', 'asked', 'accepted', 'handed_back')),
      constraint task_state check (state in ('open', 'in_progress', 'waiting_family', 'waiting_authority', 'done', 'dropped')),
      -- Routed (asked, accepted, handed back) names the specialist; a task is raised by a family member or by staff, not both.
      constraint task_routed check ((routing_state = 'none') = (routed_to is null)),
      constraint task_raised_once check (raised_by_person_id is null or raised_by_staff_id is null),
      constraint task_drop_reason check (state = 'dropped' or drop_reason is null)
    );
    -- "My tasks": the open tasks a person owns.
    create index task_owner on task (municipality_id, owner_id, state);
    -- "Asked of me", and the relation statement's question: is a task of this family routed to me?
    create index task_routed_to on task (municipality_id, routed_to, routing_state, household_id)
      where routed_to is not null;
    -- The family page's Tasks section.
    create index task_household on task (municipality_id, household_id, created_at);
  `,
  );
}

export async function down(): Promise<void> {
  // Migrations move forward only.
}
