import type { Kysely } from 'kysely';
import { runScript } from '../sql-script';

/**
 * Departments and competence domains become data (issue 14, point 1; decision 0033).
 *
 * A default department or domain keeps its `code`, so it is shown in the reader's language until
 * the administrator renames it; a rename or a new one stores `name` (shown as typed). `position`
 * keeps the defaults in the order the model names them, new ones after.
 *
 * `staff_competence` holds a team member's level (1–3) per domain, kept by the team's leader; its
 * second index serves "who in the municipality knows this domain at this level" (task routing).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    /* sql */ `
    alter table department alter column code drop not null;
    alter table department add column name text;
    alter table department add column position integer not null default 0;
    alter table department add constraint department_code_or_name check (code is not null or name is not null);
    create unique index department_name_ci on department (municipality_id, lower(name)) where name is not null;

    insert into department (municipality_id, code)
    select m.id, d.code
      from municipality m
     cross join (values ('employment'), ('social_family'), ('children_youth'), ('health'), ('culture_leisure')) d(code)
        on conflict (municipality_id, code) do nothing;
    update department
       set position = case code
             when 'employment' then 1 when 'social_family' then 2 when 'children_youth' then 3
             when 'health' then 4 when 'culture_leisure' then 5 else 6 end;

    create table competence_domain (
      municipality_id uuid not null references municipality (id),
      id uuid not null default gen_random_uuid(),
      code text,
      name text,
      position integer not null,
      primary key (municipality_id, id),
      unique (municipality_id, code),
      constraint competence_domain_code_or_name check (code is not null or name is not null)
    );
    create unique index competence_domain_name_ci on competence_domain (municipality_id, lower(name)) where name is not null;

    insert into competence_domain (municipality_id, code, position)
    select m.id, d.code, d.position
      from municipality m
     cross join (values ('employment', 1), ('benefits_economy', 2), ('debt', 3), ('children_family', 4),
                        ('school_education', 5), ('health_mental_health', 6), ('housing', 7),
                        ('language_education', 8), ('leisure_network', 9)) d(code, position);

    create table staff_competence (
      municipality_id uuid not null,
      user_id uuid not null,
      domain_id uuid not null,
      level smallint not null check (level between 1 and 3),
      primary key (municipality_id, user_id, domain_id),
      foreign key (municipality_id, user_id) references app_user (municipality_id, id),
      foreign key (municipality_id, domain_id) references competence_domain (municipality_id, id)
    );
    create index staff_competence_domain on staff_competence (municipality_id, domain_id, level);
  `,
  );
}

export async function down(): Promise<void> {
  // Migrations move forward only.
}
