import type { Kysely } from 'kysely';
import { runScript } from '../sql-script';

/**
 * The journal's contact notes (issue 14 §5, decision 0037). A note's facts (date, kind,
 * interpreter, sensitive marking) are one row; its text is a version — a correction adds the
 * next one and moves `journal_note.version` on, so the earlier texts stay and the version
 * column is also the note's optimistic lock (409 on a stale one). Participants and linked tasks
 * are rows of their own. Nothing of a note goes to change_record: the family's history is read
 * by the whole team, and a sensitive note's content must reach only those who may read it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    /* sql */ `
    create table journal_note (
      municipality_id uuid not null,
      id uuid not null default gen_random_uuid(),
      household_id uuid not null,
      occurred_on date not null,
      kind text not null,
      interpreter_used boolean not null default false,
      interpreter_language text,
      sensitive boolean not null default false,
      sensitive_category text,
      version integer not null default 1,
      created_by uuid not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, household_id) references household (municipality_id, id),
      foreign key (municipality_id, created_by) references app_user (municipality_id, id),
      constraint journal_note_kind check (kind in ('home_visit', 'office', 'phone', 'text', 'authority_meeting', 'network_meeting')),
      constraint journal_note_category check (sensitive_category in ('health', 'violence', 'abuse', 'criminal', 'other')),
      -- A sensitive note says why; a note that is not has no category.
      constraint journal_note_sensitive check (sensitive = (sensitive_category is not null)),
      constraint journal_note_interpreter check (interpreter_used or interpreter_language is null)
    );
    -- The family page's journal, newest first, paged.
    create index journal_note_household on journal_note (municipality_id, household_id, occurred_on desc, created_at desc, id);

    create table journal_note_version (
      municipality_id uuid not null,
      note_id uuid not null,
      version integer not null,
      text text not null,
      written_by uuid not null,
      written_at timestamptz not null default now(),
      primary key (municipality_id, note_id, version),
      foreign key (municipality_id, note_id) references journal_note (municipality_id, id),
      foreign key (municipality_id, written_by) references app_user (municipality_id, id)
    );

    create table journal_note_participant (
      municipality_id uuid not null,
      note_id uuid not null,
      position smallint not null,
      kind text not null,
      person_id uuid,
      staff_id uuid,
      role text,
      primary key (municipality_id, note_id, position),
      foreign key (municipality_id, note_id) references journal_note (municipality_id, id),
      foreign key (municipality_id, person_id) references person (municipality_id, id),
      foreign key (municipality_id, staff_id) references app_user (municipality_id, id),
      constraint journal_participant_kind check (
        (kind = 'member' and person_id is not null and staff_id is null and role is null) or
        (kind = 'staff' and staff_id is not null and person_id is null and role is null) or
        (kind = 'other' and role is not null and person_id is null and staff_id is null)
      )
    );

    create table journal_note_task (
      municipality_id uuid not null,
      note_id uuid not null,
      task_id uuid not null,
      primary key (municipality_id, note_id, task_id),
      foreign key (municipality_id, note_id) references journal_note (municipality_id, id),
      foreign key (municipality_id, task_id) references task (municipality_id, id)
    );
    -- Whether a routed specialist may read a note: the notes linked to their task.
    create index journal_note_task_task on journal_note_task (municipality_id, task_id);
  `,
  );
}

export async function down(): Promise<void> {
  // Migrations move forward only.
}
