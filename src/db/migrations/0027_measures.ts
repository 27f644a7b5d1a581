import type { Kysely } from 'kysely';
import { runScript } from '../sql-script';

/**
 * Instruments as data, and the family's measurements (issue 15 §5; decision 0044).
 *
 * An instrument (`instrument`) is its code, who answers it, its answer scale and its scoring
 * rule; its name and instructions per language (`instrument_text`), its items
 * (`instrument_item`, with `instrument_item_text` per language) and the scale's labelled points
 * (`instrument_scale_label`). Every municipality gets the four defaults of EVALUATION.md —
 * NETWORK, WHO5, HEALTH_SELF_MANAGEMENT, STAFF_WELLBEING — from `seed_default_instruments`, run
 * here for the municipalities there are and by a trigger for each one made later (by the
 * administrator, the CLI, the demo or a test), so no code path can forget them.
 *
 * A measurement (`measurement`) is one occasion of one family — baseline (one per family),
 * follow-up, exit (one per family) — versioned as a whole (an edit replaces its answers). Its
 * answer sessions (`answer_session`) are one instrument answered by one person, or about the
 * household (person null), with the score computed on save; `answer` holds the item values.
 * `adult_facts` and `child_facts` are the baseline facts per person: years of unemployment and
 * current status; school, class, absence last term and leisure activities.
 *
 * The defaults' texts are written out below, not imported: a migration never changes once
 * landed. The network question's Danish text is the original wording.
 */

interface DefaultInstrument {
  code: string;
  respondent: 'adult' | 'child' | 'household' | 'staff';
  scaleMin: number;
  scaleMax: number;
  scoring: 'single' | 'sum' | 'sum_times_4';
  name: [da: string, en: string];
  instructions: [da: string, en: string];
  items: [da: string, en: string][];
  labels: [value: number, da: string, en: string][];
}

const DEFAULTS: DefaultInstrument[] = [
  {
    code: 'NETWORK',
    respondent: 'adult',
    scaleMin: 1,
    scaleMax: 4,
    scoring: 'single',
    name: ['Netværksspørgsmålet', 'The network question'],
    instructions: ['Vælg det svar, der passer bedst.', 'Choose the answer that fits best.'],
    items: [
      [
        'Har du et godt netværk af venner og familier, der gør dig glad?',
        'Do you have a good network of friends and family who make you happy?',
      ],
    ],
    labels: [
      [1, 'Nej slet ikke', 'No, not at all'],
      [2, 'Nej, ikke rigtigt', 'No, not really'],
      [3, 'Ja, sådan da', 'Yes, more or less'],
      [4, 'Ja, helt sikkert', 'Yes, definitely'],
    ],
  },
  {
    code: 'WHO5',
    respondent: 'adult',
    scaleMin: 0,
    scaleMax: 5,
    scoring: 'sum_times_4',
    name: ['WHO-5 Trivselsindeks', 'WHO-5 Well-Being Index'],
    instructions: [
      'Angiv for hvert af de fem udsagn, hvad der passer bedst på, hvordan du har haft det i de sidste to uger.',
      'For each of the five statements, choose what is closest to how you have been feeling over the last two weeks.',
    ],
    items: [
      ['I de sidste to uger har jeg været glad og i godt humør', 'I have felt cheerful and in good spirits'],
      ['I de sidste to uger har jeg følt mig rolig og afslappet', 'I have felt calm and relaxed'],
      ['I de sidste to uger har jeg følt mig aktiv og energisk', 'I have felt active and vigorous'],
      ['I de sidste to uger er jeg vågnet frisk og udhvilet', 'I woke up feeling fresh and rested'],
      [
        'I de sidste to uger har min dagligdag været fyldt med ting, der interesserer mig',
        'My daily life has been filled with things that interest me',
      ],
    ],
    labels: [
      [5, 'Hele tiden', 'All of the time'],
      [4, 'Det meste af tiden', 'Most of the time'],
      [3, 'Lidt mere end halvdelen af tiden', 'More than half of the time'],
      [2, 'Lidt mindre end halvdelen af tiden', 'Less than half of the time'],
      [1, 'Lidt af tiden', 'Some of the time'],
      [0, 'På intet tidspunkt', 'At no time'],
    ],
  },
  {
    code: 'HEALTH_SELF_MANAGEMENT',
    respondent: 'adult',
    scaleMin: 0,
    scaleMax: 10,
    scoring: 'single',
    name: ['Eget helbred, trivsel og energi', 'Managing own health, well-being and energy'],
    instructions: [
      'Sæt et tal fra 0 til 10, hvor 0 er slet ikke og 10 er rigtig godt.',
      'Give a number from 0 to 10, where 0 is not at all and 10 is very well.',
    ],
    items: [
      [
        'Hvor godt synes du selv, at du klarer at tage vare på dit helbred, din trivsel og din energi?',
        'How well do you feel you manage to look after your own health, well-being and energy?',
      ],
    ],
    labels: [
      [0, 'Slet ikke', 'Not at all'],
      [10, 'Rigtig godt', 'Very well'],
    ],
  },
  {
    code: 'STAFF_WELLBEING',
    respondent: 'staff',
    scaleMin: 0,
    scaleMax: 10,
    scoring: 'single',
    name: ['Teamets vurdering af familiens trivsel', 'The team’s assessment of the family’s well-being'],
    instructions: [
      'Teamets samlede vurdering, fra 0 (meget dårlig) til 10 (meget god).',
      'The team’s overall assessment, from 0 (very poor) to 10 (very good).',
    ],
    items: [
      [
        'Hvordan vurderer I familiens samlede trivsel lige nu?',
        'How do you assess the family’s overall well-being right now?',
      ],
    ],
    labels: [
      [0, 'Meget dårlig', 'Very poor'],
      [10, 'Meget god', 'Very good'],
    ],
  },
];

const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** The body of seed_default_instruments(m): each default with its texts, items and labels. */
function seedBody(): string {
  return DEFAULTS.map((d, i) => {
    const texts = [
      `insert into instrument_text (municipality_id, instrument_id, language, name, instructions) values (m, inst, 'da', ${lit(d.name[0])}, ${lit(d.instructions[0])}), (m, inst, 'en', ${lit(d.name[1])}, ${lit(d.instructions[1])});`,
    ];
    const items = d.items.map(
      ([da, en], p) =>
        `insert into instrument_item (municipality_id, instrument_id, position) values (m, inst, ${p + 1}) returning id into item;
      insert into instrument_item_text (municipality_id, item_id, language, text) values (m, item, 'da', ${lit(da)}), (m, item, 'en', ${lit(en)});`,
    );
    const labels = `insert into instrument_scale_label (municipality_id, instrument_id, value, language, label) values ${d.labels
      .flatMap(([v, da, en]) => [`(m, inst, ${v}, 'da', ${lit(da)})`, `(m, inst, ${v}, 'en', ${lit(en)})`])
      .join(', ')};`;
    return `
      insert into instrument (municipality_id, code, respondent, scale_min, scale_max, scoring, position)
      values (m, ${lit(d.code)}, ${lit(d.respondent)}, ${d.scaleMin}, ${d.scaleMax}, ${lit(d.scoring)}, ${i + 1})
      on conflict (municipality_id, code) do nothing
      returning id into inst;
      if inst is not null then
      ${[...texts, ...items, labels].join('\n      ')}
      end if;`;
  }).join('\n');
}

const STATUSES = [
  'EMPLOYED',
  'EMPLOYED_WITH_BENEFIT',
  'FLEX_JOB',
  'WAGE_SUBSIDY',
  'EDUCATION',
  'INTERNSHIP',
  'CASH_BENEFIT',
  'SICKNESS_BENEFIT',
  'RESOURCE_COURSE',
  'JOB_CLARIFICATION',
  'AWAITING_FLEX_JOB',
  'UNEMPLOYMENT_INSURANCE',
  'EARLY_RETIREMENT_PENSION',
  'NO_PUBLIC_BENEFIT',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    /* sql */ `
    create table instrument (
      municipality_id uuid not null references municipality (id),
      id uuid not null default gen_random_uuid(),
      code text not null,
      respondent text not null,
      scale_min smallint not null,
      scale_max smallint not null,
      scoring text not null,
      position integer not null,
      active boolean not null default true,
      primary key (municipality_id, id),
      unique (municipality_id, code),
      constraint instrument_respondent check (respondent in ('adult', 'child', 'household', 'staff')),
      constraint instrument_scoring check (scoring in ('single', 'sum', 'sum_times_4')),
      constraint instrument_scale check (scale_min < scale_max)
    );

    create table instrument_text (
      municipality_id uuid not null,
      instrument_id uuid not null,
      language text not null,
      name text not null,
      instructions text not null,
      primary key (municipality_id, instrument_id, language),
      foreign key (municipality_id, instrument_id) references instrument (municipality_id, id),
      constraint instrument_text_language check (language in ('da', 'en'))
    );

    create table instrument_item (
      municipality_id uuid not null,
      id uuid not null default gen_random_uuid(),
      instrument_id uuid not null,
      position smallint not null,
      primary key (municipality_id, id),
      unique (municipality_id, instrument_id, position),
      foreign key (municipality_id, instrument_id) references instrument (municipality_id, id)
    );

    create table instrument_item_text (
      municipality_id uuid not null,
      item_id uuid not null,
      language text not null,
      text text not null,
      primary key (municipality_id, item_id, language),
      foreign key (municipality_id, item_id) references instrument_item (municipality_id, id),
      constraint instrument_item_text_language check (language in ('da', 'en'))
    );

    create table instrument_scale_label (
      municipality_id uuid not null,
      instrument_id uuid not null,
      value smallint not null,
      language text not null,
      label text not null,
      primary key (municipality_id, instrument_id, value, language),
      foreign key (municipality_id, instrument_id) references instrument (municipality_id, id),
      constraint instrument_scale_label_language check (language in ('da', 'en'))
    );

    create table measurement (
      municipality_id uuid not null,
      id uuid not null default gen_random_uuid(),
      household_id uuid not null,
      occasion text not null,
      taken_on date not null,
      language text not null,
      recorded_by uuid not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, household_id) references household (municipality_id, id),
      foreign key (municipality_id, recorded_by) references app_user (municipality_id, id),
      constraint measurement_occasion check (occasion in ('baseline', 'follow_up', 'exit')),
      constraint measurement_language check (language in ('da', 'en'))
    );
    -- The family's measurements over time (the family page), and the schedule's latest one.
    create index measurement_household on measurement (municipality_id, household_id, taken_on);
    -- One baseline and one exit per family.
    create unique index measurement_one_baseline on measurement (municipality_id, household_id) where occasion = 'baseline';
    create unique index measurement_one_exit on measurement (municipality_id, household_id) where occasion = 'exit';

    create table answer_session (
      municipality_id uuid not null,
      id uuid not null default gen_random_uuid(),
      measurement_id uuid not null,
      household_id uuid not null,
      -- The person who answered about themselves; null for the household's instruments.
      person_id uuid,
      instrument_id uuid not null,
      score integer,
      primary key (municipality_id, id),
      foreign key (municipality_id, measurement_id) references measurement (municipality_id, id) on delete cascade,
      foreign key (municipality_id, household_id) references household (municipality_id, id),
      foreign key (municipality_id, person_id) references person (municipality_id, id),
      foreign key (municipality_id, instrument_id) references instrument (municipality_id, id)
    );
    create unique index answer_session_person on answer_session (municipality_id, measurement_id, person_id, instrument_id)
      where person_id is not null;
    create unique index answer_session_household on answer_session (municipality_id, measurement_id, instrument_id)
      where person_id is null;
    -- Scores per person or household over time (outcomes), by instrument.
    create index answer_session_instrument on answer_session (municipality_id, instrument_id, household_id);

    create table answer (
      municipality_id uuid not null,
      session_id uuid not null,
      item_id uuid not null,
      value smallint not null,
      primary key (municipality_id, session_id, item_id),
      foreign key (municipality_id, session_id) references answer_session (municipality_id, id) on delete cascade,
      foreign key (municipality_id, item_id) references instrument_item (municipality_id, id)
    );

    create table adult_facts (
      municipality_id uuid not null,
      measurement_id uuid not null,
      person_id uuid not null,
      unemployment_years numeric(4, 1),
      current_status text,
      primary key (municipality_id, measurement_id, person_id),
      foreign key (municipality_id, measurement_id) references measurement (municipality_id, id) on delete cascade,
      foreign key (municipality_id, person_id) references person (municipality_id, id),
      constraint adult_facts_years check (unemployment_years between 0 and 60),
      constraint adult_facts_status check (current_status in (${STATUSES.map(lit).join(', ')}))
    );

    create table child_facts (
      municipality_id uuid not null,
      measurement_id uuid not null,
      person_id uuid not null,
      school text,
      school_class text,
      absence_percent numeric(5, 2),
      leisure_activities text[] not null default '{}',
      primary key (municipality_id, measurement_id, person_id),
      foreign key (municipality_id, measurement_id) references measurement (municipality_id, id) on delete cascade,
      foreign key (municipality_id, person_id) references person (municipality_id, id),
      constraint child_facts_absence check (absence_percent between 0 and 100)
    );

    create function seed_default_instruments(m uuid) returns void language plpgsql as $$
    declare
      inst uuid;
      item uuid;
    begin
      ${seedBody()}
    end;
    $$;

    create function municipality_default_instruments() returns trigger language plpgsql as $$
    begin
      perform seed_default_instruments(new.id);
      return new;
    end;
    $$;

    create trigger municipality_default_instruments after insert on municipality
      for each row execute function municipality_default_instruments();

    select seed_default_instruments(id) from municipality;
  `,
  );
}

export async function down(): Promise<void> {
  // Migrations move forward only.
}
