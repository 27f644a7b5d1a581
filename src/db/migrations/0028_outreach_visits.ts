import type { Kysely } from 'kysely';
import { runScript } from '../sql-script';

/**
 * Visits at the door (issue 15 §3): each attempt to reach a household — when, who went (the one
 * who recorded it and an optional companion), the outcome, the language spoken, whether an
 * interpreter is needed and a short note. The household's outreach status (the building
 * picture's cell) follows its latest visit. `client_id` is made on the device, so an attempt
 * recorded offline and sent twice is stored once; `conflict_with` names the visit someone else
 * recorded for the same household after the device last saw it, so the worker is shown the
 * conflict and nothing is lost. The funnel (§6) reads first visit, outcomes and reasons from here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    /* sql */ `
    create table outreach_visit (
      municipality_id uuid not null,
      id uuid not null default gen_random_uuid(),
      household_id uuid not null,
      visited_at timestamptz not null,
      visited_by uuid not null,
      companion_id uuid,
      outcome text not null
        check (outcome in ('not_home', 'talked', 'call_back', 'not_interested', 'interested')),
      call_back_on date,
      reason text
        check (reason in ('no_time', 'has_work_or_education', 'already_helped', 'distrust',
          'health', 'moving', 'other')),
      language text check (language ~ '^[a-z]{2}$'),
      interpreter_needed boolean not null default false,
      note text check (length(note) <= 500),
      client_id uuid not null,
      conflict_with uuid,
      recorded_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, household_id) references household (municipality_id, id),
      foreign key (municipality_id, visited_by) references app_user (municipality_id, id),
      foreign key (municipality_id, companion_id) references app_user (municipality_id, id),
      foreign key (municipality_id, conflict_with) references outreach_visit (municipality_id, id),
      constraint outreach_visit_call_back check ((outcome = 'call_back') = (call_back_on is not null)),
      constraint outreach_visit_reason check (outcome = 'not_interested' or reason is null)
    );
    create unique index outreach_visit_client on outreach_visit (municipality_id, client_id);
    create index outreach_visit_household on outreach_visit (municipality_id, household_id, visited_at);
    create index outreach_visit_month on outreach_visit (municipality_id, visited_at);
  `,
  );
}

export async function down(): Promise<void> {
  // Migrations move forward only.
}
