import { type Insertable, sql, type Transaction } from 'kysely';
import type {
  AppointmentKind,
  AppointmentParticipantTable,
  AppointmentTable,
  Database,
  JournalNoteParticipantTable,
  JournalNoteTable,
  JournalNoteTaskTable,
  JournalNoteVersionTable,
} from '../db/schema';
import { today as realToday } from '../shared/common/today';
import { addDays, copenhagenInstant, isoWeekOf, mondayOf } from '../shared/journal/appointments.time';
import { demoAppointments } from './appointments';
import type { GeneratedMunicipality } from './generate';
import { type DemoPlans, plansOf } from './plans';
import { seededRandom, uuidFrom } from './random';

/*
 * The demo's case work beyond the shared seed (issue 14, decision 0046): the plans and tasks of
 * every family (plans.ts), the journal notes about those tasks — every kind, some with an
 * interpreter, some sensitive and linked to a task routed to a specialist (who may then read
 * them) — and the appointments of the family's life with the team: held ones since enrolment and
 * coming ones over the next four weeks, so every team member's week has something in it on the day
 * the demo is loaded. Jobcentre, school, doctor, debt counselling, leisure club: where the tasks lead.
 */

type Household = GeneratedMunicipality['households'][number];
type Task = DemoPlans['tasks'][number];

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dayOf = (n: number) => new Date(Math.round(n) * DAY_MS).toISOString().slice(0, 10);
/** Monday–Friday: the team works on weekdays. */
const weekday = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? addDays(date, 1) : d === 6 ? addDays(date, -1) : date;
};

/** What a contact about a task of the domain was about, in the pair's words. */
const ABOUT: Record<string, { text: string; role: string }> = {
  employment: {
    text: 'Vi talte om praktik og om arbejdstider, der passer med børnenes skoletider. Forælderen vil gerne starte med få timer.',
    role: 'Jobkonsulent',
  },
  benefits_economy: {
    text: 'Vi gennemgik budgettet og månedens regninger. Boligstøtten er søgt; svaret kommer i e-Boks.',
    role: 'Ydelsesrådgiver',
  },
  debt: {
    text: 'Vi gennemgik gælden og forberedte mødet i gældsrådgivningen. Familien har samlet regningerne i en mappe.',
    role: 'Gældsrådgiver',
  },
  children_family: {
    text: 'Vi talte om morgenerne med de mindste børn og om hjælp fra familieafdelingen. Forældrene er positive.',
    role: 'Familierådgiver',
  },
  school_education: {
    text: 'Vi talte om den ældstes fravær og om lektiecaféen. Skolen og forældrene aftalte at tale sammen hver anden uge.',
    role: 'Klasselærer',
  },
  health_mental_health: {
    text: 'Forælderen fortalte om smerter og træthed. Vi aftalte at følge med til egen læge.',
    role: 'Sundhedsplejerske',
  },
  housing: {
    text: 'Vi talte om ønsket om en større bolig og om ventelisten. Fugten i badeværelset er meldt til boligforeningen.',
    role: 'Boligsocial medarbejder',
  },
  language_education: {
    text: 'Vi talte om danskundervisning om aftenen, så det kan passe med praktikken.',
    role: 'Sproglærer',
  },
  leisure_network: {
    text: 'Vi talte om fritidstilbud til børnene. Fritidspasset er søgt, og den ældste vil gerne prøve fodbold.',
    role: 'Fritidsguide',
  },
};
const KIND_LEAD: Record<string, string> = {
  home_visit: 'Hjemmebesøg.',
  office: 'Samtale på teamets kontor.',
  phone: 'Telefonsamtale.',
  text: '',
  authority_meeting: 'Møde med myndigheden sammen med familien.',
  network_meeting: 'Netværksmøde med familien og samarbejdspartnere.',
};
const NEXT_STEP = [
  'Vi mødes igen om to uger.',
  'Parret følger op i næste uge.',
  'Familien giver besked, når de har hørt noget.',
];
const TEXTS = [
  'Sms fra forælderen: barnet er sygt, så mødet i morgen flyttes til næste uge.',
  'Sms fra forælderen: brevet fra kommunen er kommet; vi kigger på det ved næste besøg.',
  'Sms fra forælderen: tak for hjælpen i går, det gik godt på jobcentret.',
];
const KINDS = ['home_visit', 'office', 'phone', 'text', 'authority_meeting', 'network_meeting'] as const;

/** Sensitive notes, by the domain of the routed task they concern. */
const SENSITIVE: Record<string, { category: string; text: string }[]> = {
  health_mental_health: [
    {
      category: 'health',
      text: 'Forælderen fortalte om angst og søvnproblemer gennem længere tid. Vi aftalte, at specialisten hjælper med en henvisning til psykolog.',
    },
  ],
  children_family: [
    {
      category: 'violence',
      text: 'Forælderen fortalte om uro og trusler i hjemmet. Vi gennemgik mulighederne for hjælp og aftalte en samtale med familieafdelingen.',
    },
    {
      category: 'abuse',
      text: 'Bekymring for den ældstes trivsel efter et forhold uden for hjemmet. Familieafdelingen er orienteret, og forældrene er med.',
    },
  ],
  school_education: [
    {
      category: 'other',
      text: 'Forældrene fortalte om en svær situation i familien, som påvirker den ældste i skolen. De ønsker ikke, at det deles bredt.',
    },
  ],
  employment: [
    {
      category: 'criminal',
      text: 'Forælderen fortalte om en tidligere dom, som arbejdsgiveren kan se på straffeattesten. Vi aftalte, hvordan det tages op.',
    },
  ],
  leisure_network: [
    {
      category: 'other',
      text: 'Den ældste er blevet set sammen med en gruppe, forældrene er bekymrede for. Fritidsguiden følger op med familien.',
    },
  ],
};

/** Where a task of the domain takes the family, as an appointment. */
const VISITS: Record<
  string,
  { kind: AppointmentKind; title: string; authority: string | null; place: string | null }
> = {
  employment: {
    kind: 'authority_meeting',
    title: 'Møde på jobcentret om praktik',
    authority: 'Jobcenter Aarhus',
    place: 'Jobcenter Aarhus',
  },
  benefits_economy: {
    kind: 'authority_meeting',
    title: 'Gennemgang af ydelser',
    authority: 'Ydelsescentret',
    place: 'Ydelsescentret',
  },
  debt: {
    kind: 'office_meeting',
    title: 'Gældsrådgivning',
    authority: 'Gældsrådgivningen',
    place: 'Teamets kontor',
  },
  children_family: {
    kind: 'home_visit',
    title: 'Besøg sammen med sundhedsplejersken',
    authority: 'Sundhedsplejen',
    place: 'Hjemme hos familien',
  },
  school_education: {
    kind: 'network_meeting',
    title: 'Skolemøde om fravær og trivsel',
    authority: 'Skolen',
    place: 'Skolen',
  },
  health_mental_health: {
    kind: 'authority_meeting',
    title: 'Lægetid – parret går med',
    authority: 'Egen læge',
    place: 'Lægehuset',
  },
  housing: {
    kind: 'authority_meeting',
    title: 'Møde med boligforeningen',
    authority: 'Brabrand Boligforening',
    place: 'Boligforeningens kontor',
  },
  language_education: {
    kind: 'office_meeting',
    title: 'Tilmelding på sprogcentret',
    authority: 'Sprogcenter Aarhus',
    place: 'Sprogcenter Aarhus',
  },
  leisure_network: {
    kind: 'network_meeting',
    title: 'Besøg i fritidsklubben',
    authority: 'Fritidsklubben',
    place: 'Fritidsklubben',
  },
};
const PLAN_VISIT = {
  kind: 'home_visit' as const,
  title: 'Opfølgning på planen',
  authority: null,
  place: 'Hjemme hos familien',
};
const PHONE = { kind: 'phone_call' as const, title: 'Telefonopfølgning', authority: null, place: null };

export interface CaseNotes {
  notes: Insertable<JournalNoteTable>[];
  versions: Insertable<JournalNoteVersionTable>[];
  participants: Insertable<JournalNoteParticipantTable>[];
  links: Insertable<JournalNoteTaskTable>[];
}

/**
 * Notes about the families' tasks, from a few weeks after enrolment to the day before "today"
 * (or the exit): three to six per family, every kind in turn, each linked to a task that existed
 * by then; one sensitive note (with its category) in each family with a routed task in a domain
 * where such things come up, linked to that task.
 */
export function caseNotesOf(data: GeneratedMunicipality, plans: DemoPlans, today = '2026-11-25'): CaseNotes {
  const r = seededRandom(4611);
  const out: CaseNotes = { notes: [], versions: [], participants: [], links: [] };
  const pairOf = new Map(data.pairs.map((p) => [p.household_id, p]));
  const tasksOf = groupBy(plans.tasks, (t) => t.household_id);
  const adultsOf = groupBy(
    data.persons.filter((p) => p.household_role !== 'child'),
    (p) => p.household_id,
  );
  const domainCode = new Map(data.domains.map((d) => [d.id, d.code as string]));
  let kindTurn = 0;
  for (const h of data.households) {
    const pair = pairOf.get(h.id);
    if (!pair) continue;
    const end = endOf(h, today);
    const tasks = tasksOf.get(h.id) ?? [];
    const adults = adultsOf.get(h.id) ?? [];
    const interpreted = adults.find((p) => p.interpreter_needed);
    const first = dayNumber(h.enrolled_on) + 10;
    const last = dayNumber(end) - 1;
    const count = h.status === 'exited' ? r.int(3, 4) : r.int(3, 6);
    // Health and family matters come up in about half the families with such a task routed;
    // school, leisure and a past conviction (a job task) now and then.
    const routed = tasks.find((t) => {
      const code = domainCode.get(t.domain_id)!;
      if (!(t.routing_state === 'asked' || t.routing_state === 'accepted') || !SENSITIVE[code]) return false;
      return r.next() < (code === 'health_mental_health' || code === 'children_family' ? 0.5 : 0.1);
    });
    const sensitiveAt = routed ? r.int(1, count - 1) : -1;
    for (let i = 0; i < count; i++) {
      let day = dayOf(first + ((last - first) * (i + 1)) / (count + 1));
      const sensitive = i === sensitiveAt && routed ? routed : null;
      if (sensitive) day = [day, createdDay(sensitive)].sort()[1]!;
      const existing = tasks.filter((t) => createdDay(t) <= day);
      const kind = sensitive ? r.pick(['office', 'home_visit'] as const) : KINDS[kindTurn++ % KINDS.length]!;
      // A text message is about the day's practicalities, not a task.
      const task = sensitive ?? (kind !== 'text' && existing.length > 0 ? r.pick(existing) : null);
      const domain = task ? domainCode.get(task.domain_id)! : 'employment';
      const about = ABOUT[domain]!;
      const marked = sensitive ? r.pick(SENSITIVE[domain]!) : null;
      const text = marked
        ? marked.text
        : kind === 'text'
          ? r.pick(TEXTS)
          : `${KIND_LEAD[kind]} ${about.text} ${NEXT_STEP[(i + kindTurn) % NEXT_STEP.length]}`;
      const writer = i % 2 === 0 ? pair.first_member_id : pair.second_member_id;
      const id = uuidFrom(r.next);
      const written = new Date(`${day}T${String(9 + (i % 6)).padStart(2, '0')}:15:00Z`);
      const interpreter = interpreted && kind !== 'text' && r.next() < 0.8 ? interpreted.languages[0]! : null;
      out.notes.push({
        municipality_id: h.municipality_id,
        id,
        household_id: h.id,
        occurred_on: day,
        kind,
        interpreter_used: interpreter !== null,
        interpreter_language: interpreter,
        sensitive: marked !== null,
        sensitive_category: marked?.category ?? null,
        version: 1,
        created_by: writer,
        created_at: written,
        updated_at: written,
      });
      out.versions.push({
        municipality_id: h.municipality_id,
        note_id: id,
        version: 1,
        text,
        written_by: writer,
        written_at: written,
      });
      const meeting = kind === 'authority_meeting' || kind === 'network_meeting';
      const family = kind === 'phone' || kind === 'text' ? adults.slice(0, 1) : adults;
      const present = [
        ...family.map((p) => ({ kind: 'member' as const, person_id: p.id, staff_id: null, role: null })),
        { kind: 'staff' as const, person_id: null, staff_id: writer, role: null },
        ...(meeting && task?.routed_to && task.routing_state === 'accepted'
          ? [{ kind: 'staff' as const, person_id: null, staff_id: task.routed_to, role: null }]
          : []),
        ...(meeting ? [{ kind: 'other' as const, person_id: null, staff_id: null, role: about.role }] : []),
      ];
      for (const [position, p] of present.entries())
        out.participants.push({ municipality_id: h.municipality_id, note_id: id, position, ...p });
      if (task)
        out.links.push({ municipality_id: h.municipality_id, note_id: id, task_id: task.id as string });
    }
  }
  return out;
}

export interface CaseAppointments {
  appointments: Insertable<AppointmentTable>[];
  participants: Insertable<AppointmentParticipantTable>[];
}

/**
 * The appointments of each family's time with the team, relative to the day the demo is loaded:
 * two to four held in the last three months (an exited family's before its exit), one or two in
 * the coming four weeks, each where a task of the family leads (jobcentre, school, doctor, debt
 * counselling, leisure club) or a follow-up at home, with the pair and, when the task is with a
 * specialist who accepted it, the specialist. Then every team member and leader without an
 * appointment this week (the shared seed's included) gets one with a family of theirs.
 */
export function caseAppointmentsOf(
  data: GeneratedMunicipality,
  plans: DemoPlans,
  day = realToday(),
): CaseAppointments {
  const r = seededRandom(4613);
  const m = data.municipality.id;
  const out: CaseAppointments = { appointments: [], participants: [] };
  const domainCode = new Map(data.domains.map((d) => [d.id, d.code as string]));
  const tasksOf = groupBy(plans.tasks, (t) => t.household_id);
  const householdOf = new Map(data.households.map((h) => [h.id, h]));
  /** Each family's tasks, one per domain in a shuffled turn, so its appointments go to different places. */
  const turns = new Map<string, Task[]>();
  const add = (
    h: Household,
    pair: GeneratedMunicipality['pairs'][number],
    date: string,
    extra: string[] = [],
  ) => {
    if (!turns.has(h.id)) {
      const tasks = tasksOf.get(h.id) ?? [];
      const open = tasks.filter((t) => t.state !== 'done' && t.state !== 'dropped');
      const byDomain = new Map((open.length > 0 ? open : tasks).map((t) => [t.domain_id, t]));
      turns.set(h.id, r.shuffle([...byDomain.values()]));
    }
    const turn = turns.get(h.id)!;
    const next = turn.shift();
    if (next) turn.push(next);
    const task = next && r.next() < 0.75 ? next : null;
    const visit = task ? VISITS[domainCode.get(task.domain_id)!]! : r.next() < 0.7 ? PLAN_VISIT : PHONE;
    const hour = r.int(8, 14);
    const start = `${String(hour).padStart(2, '0')}:${r.pick(['00', '30'])}`;
    const end = `${String(hour + 1).padStart(2, '0')}:${start.slice(3)}`;
    const id = uuidFrom(r.next);
    out.appointments.push({
      municipality_id: m,
      id,
      household_id: h.id,
      kind: visit.kind,
      title: visit.title,
      other_authority: visit.authority,
      place: visit.place,
      starts_at: copenhagenInstant(date, start),
      ends_at: copenhagenInstant(date, end),
      created_by: pair.first_member_id,
      created_at: copenhagenInstant(addDays(date, -r.int(7, 21)), '12:00'),
    });
    const people = new Set([
      pair.first_member_id,
      ...(r.next() < 0.5 ? [pair.second_member_id] : []),
      ...extra,
    ]);
    if (task?.routed_to && task.routing_state === 'accepted') people.add(task.routed_to);
    for (const user_id of people) out.participants.push({ municipality_id: m, appointment_id: id, user_id });
  };

  for (const pair of data.pairs) {
    const h = householdOf.get(pair.household_id)!;
    const from = Math.max(dayNumber(h.enrolled_on) + 7, dayNumber(day) - 90);
    const until = dayNumber(h.status === 'exited' && h.exited_on ? h.exited_on : day) - 1;
    const past = h.status === 'exited' ? r.int(2, 3) : r.int(2, 4);
    for (let i = 0; i < past; i++) {
      const on = h.status === 'exited' ? r.int(dayNumber(h.enrolled_on) + 7, until) : r.int(from, until);
      add(h, pair, weekday(dayOf(Math.min(on, until))));
    }
    if (h.status === 'exited') continue;
    for (let i = r.int(1, 2); i > 0; i--) add(h, pair, weekday(addDays(day, r.int(1, 28))));
  }

  // This week for everyone in a team: the shared seed's appointments count too.
  const monday = mondayOf(isoWeekOf(day))!;
  const sunday = addDays(monday, 6);
  const shared = demoAppointments(data, day);
  const inWeek = new Set<string>();
  for (const list of [shared, out]) {
    const week = new Set(
      list.appointments
        .filter((a) => {
          const on = (a.starts_at as Date).toISOString().slice(0, 10);
          return on >= monday && on <= sunday;
        })
        .map((a) => a.id),
    );
    for (const p of list.participants) if (week.has(p.appointment_id)) inWeek.add(p.user_id);
  }
  const team = data.users.filter((u) => u.role === 'team_member' || u.role === 'team_leader');
  for (const [i, u] of team.entries()) {
    if (inWeek.has(u.id)) continue;
    // A leader joins a network meeting of one of the team's families; a member meets one of theirs.
    const pair =
      u.role === 'team_leader'
        ? data.pairs.find(
            (p) => p.assigned_by === u.id && householdOf.get(p.household_id)?.status === 'enrolled',
          )
        : data.pairs.find(
            (p) =>
              (p.first_member_id === u.id || p.second_member_id === u.id) &&
              householdOf.get(p.household_id)?.status === 'enrolled',
          );
    if (!pair) continue;
    add(householdOf.get(pair.household_id)!, pair, addDays(monday, i % 5), [u.id]);
  }
  return out;
}

/** Writes the demo's case work in one transaction, in batches of multi-row inserts. */
export async function seedCasework(
  trx: Transaction<Database>,
  data: GeneratedMunicipality,
  today: string,
  day = realToday(),
) {
  const plans = plansOf(data, today);
  const notes = caseNotesOf(data, plans, today);
  const appointments = caseAppointmentsOf(data, plans, day);
  const m = data.municipality.id;
  if (plans.workPhones.length > 0)
    await sql`
      update app_user u set work_phone = v.phone
      from (values ${sql.join(plans.workPhones.map((p) => sql`(${p.id}::uuid, ${p.phone})`))}) as v(id, phone)
      where u.municipality_id = ${m} and u.id = v.id
    `.execute(trx);
  const batches: [keyof Database, object[]][] = [
    ['plan_dream', plans.dreams],
    ['plan_goal', plans.goals],
    ['plan_version', plans.versions],
    ['task', plans.tasks],
    ['task_helper', plans.helpers],
    ['change_record', plans.history],
    ['journal_note', notes.notes],
    ['journal_note_version', notes.versions],
    ['journal_note_participant', notes.participants],
    ['journal_note_task', notes.links],
    ['appointment', appointments.appointments],
    ['appointment_participant', appointments.participants],
  ];
  for (const [table, rows] of batches)
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto(table)
        .values(rows.slice(i, i + 500) as never)
        .execute();
}

function endOf(h: Household, today: string) {
  return h.status === 'exited' && h.exited_on ? h.exited_on : today;
}
function createdDay(t: Task) {
  return (t.created_at as Date).toISOString().slice(0, 10);
}
function groupBy<T>(rows: readonly T[], key: (row: T) => string) {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
}
