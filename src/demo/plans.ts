import type { Insertable } from 'kysely';
import type {
  ChangeList,
  ChangeRecordTable,
  PlanDreamTable,
  PlanGoalTable,
  PlanVersionTable,
  TaskHelperTable,
  TaskRoutingState,
  TaskState,
  TaskTable,
} from '../db/schema';
import type { PlanChange, PlanContent } from '../shared/plans/plans.contract';
import type { GeneratedMunicipality } from './generate';
import { seededRandom, uuidFrom } from './random';

/*
 * The demo families' plans and tasks (issue 14 §3–4, decisions 0039 and 0046), for every family
 * with a pair — an exited family's plan ends at its exit. Dreams per member old enough to say one,
 * the adults' often in their own language with a Danish rendering; goals per domain (a job first,
 * the job-first principle) with the family's priority, the day agreed and who agreed; a later
 * change to the plan in each family, so its versions show an edit; tasks at all three levels and
 * in all six states, level 2 and 3 ones routed by the level rule's own test (a specialist of the
 * domain at the task's level, outside the pair) — asked, accepted, one per team handed back — and
 * each task's history as the app writes it. Deterministic: its own seed, the generator's "today".
 */

/** Dreams as a person might say them, by language, each with its Danish rendering. */
const DREAMS: Record<string, { words: string; danish: string }[]> = {
  ar: [
    { words: 'أريد أن أعمل في مستشفى', danish: 'Jeg vil gerne arbejde på et hospital' },
    { words: 'أريد أن أتعلم اللغة الدنماركية جيدا', danish: 'Jeg vil gerne lære dansk godt' },
    {
      words: 'أريد أن يكون لأولادي مستقبل جيد',
      danish: 'Jeg vil gerne have, at mine børn får en god fremtid',
    },
  ],
  so: [
    { words: 'Waxaan rabaa inaan shaqo helo', danish: 'Jeg vil gerne have et arbejde' },
    { words: 'Waxaan rabaa inaan barto darawalnimada', danish: 'Jeg vil gerne lære at køre bil' },
  ],
  tr: [
    { words: 'Kendi işimi açmak istiyorum', danish: 'Jeg vil gerne starte min egen forretning' },
    {
      words: 'Çocuklarımın okulda mutlu olmasını istiyorum',
      danish: 'Jeg vil gerne have, at mine børn er glade i skolen',
    },
  ],
  fa: [
    { words: 'می‌خواهم رانندگی یاد بگیرم', danish: 'Jeg vil gerne lære at køre bil' },
    { words: 'می‌خواهم دوباره آرایشگر باشم', danish: 'Jeg vil gerne være frisør igen' },
  ],
  bs: [
    { words: 'Želim naći posao', danish: 'Jeg vil gerne finde et arbejde' },
    {
      words: 'Želim da moja djeca završe školu',
      danish: 'Jeg vil gerne have, at mine børn gør skolen færdig',
    },
  ],
  vi: [{ words: 'Tôi muốn học tiếng Đan Mạch', danish: 'Jeg vil gerne lære dansk' }],
  ku: [{ words: 'Ez dixwazim kar bibînim', danish: 'Jeg vil gerne finde et arbejde' }],
  ur: [{ words: 'مجھے نوکری چاہیے', danish: 'Jeg vil gerne have et arbejde' }],
};
const DANISH_DREAMS = [
  'Jeg vil gerne have et arbejde, hvor jeg kan bruge mine hænder',
  'Vi vil gerne have en større lejlighed',
  'Jeg vil gerne have styr på økonomien, så vi ikke skylder noget',
  'Jeg vil gerne arbejde i en børnehave',
  'Jeg vil gerne tage et kørekort og køre for et vognmandsfirma',
];
const CHILD_DREAMS = [
  'Jeg vil gerne gå til fodbold',
  'Jeg vil være læge, når jeg bliver stor',
  'Jeg vil gerne have en ven i klassen',
  'Jeg vil gerne lære at svømme',
];
const YOUTH_DREAMS = [
  'Jeg vil gerne have et fritidsjob',
  'Jeg vil gerne på gymnasiet',
  'Jeg vil være elektriker',
  'Jeg vil gerne spille basketball på et hold',
];

/** A goal (as agreed, and as the family later put it) and the tasks that serve it, by domain. */
interface GoalTemplate {
  goal: string;
  revised: string;
  tasks: { words: string; level: 1 | 2 | 3 }[];
}
const GOALS: Record<string, GoalTemplate> = {
  employment: {
    goal: 'Et deltidsjob inden sommerferien',
    revised: 'Et deltidsjob på 15 timer om ugen inden sommerferien',
    tasks: [
      { words: 'Skrive et CV sammen med parret', level: 1 },
      { words: 'Søge praktik i et supermarked', level: 2 },
      { words: 'Afklare fleksjob med jobcentret', level: 3 },
      { words: 'Aftale løntilskud med en arbejdsgiver', level: 3 },
      { words: 'Oprette en profil på Jobnet', level: 1 },
    ],
  },
  benefits_economy: {
    goal: 'Et budget, der holder hver måned',
    revised: 'Et budget, der holder hver måned, også i december',
    tasks: [
      { words: 'Lave et budget for en måned', level: 1 },
      { words: 'Søge boligstøtte', level: 2 },
      { words: 'Få styr på kontanthjælpen efter flytningen', level: 2 },
    ],
  },
  debt: {
    goal: 'En aftale om gælden',
    revised: 'En aftale om gælden, som vi kan betale hver måned',
    tasks: [
      { words: 'Samle alle regninger i én mappe', level: 1 },
      { words: 'Gå til gældsrådgivning', level: 2 },
      { words: 'Aftale afdrag med Gældsstyrelsen', level: 2 },
    ],
  },
  children_family: {
    goal: 'Rolige morgener med børnene',
    revised: 'Rolige morgener, så alle børn kommer glade af sted',
    tasks: [
      { words: 'Tale med sundhedsplejersken om søvn', level: 1 },
      { words: 'Finde en aflastningsfamilie', level: 2 },
      { words: 'Komme på forældrekursus i familieafdelingen', level: 3 },
    ],
  },
  school_education: {
    goal: 'Den ældste trives i skolen',
    revised: 'Den ældste trives i skolen og kommer hver dag',
    tasks: [
      { words: 'Holde møde med klasselæreren', level: 1 },
      { words: 'Finde lektiehjælp', level: 1 },
      { words: 'Skolemøde om fraværet', level: 2 },
      { words: 'Udredning hos PPR, som familien har sagt ja til', level: 3 },
    ],
  },
  health_mental_health: {
    goal: 'Mere overskud i hverdagen',
    revised: 'Mere overskud i hverdagen og bedre søvn',
    tasks: [
      { words: 'Få en tid hos egen læge', level: 1 },
      { words: 'Finde en psykolog, der taler mit sprog', level: 2 },
      { words: 'Forløb i sundhedscentret om smerter', level: 3 },
    ],
  },
  housing: {
    goal: 'En bolig med et værelse mere',
    revised: 'En bolig med et værelse mere i Gellerup eller Hasle',
    tasks: [
      { words: 'Skrive os op til en større bolig', level: 1 },
      { words: 'Klage til boligforeningen over fugt i lejligheden', level: 2 },
    ],
  },
  language_education: {
    goal: 'Dansk nok til en jobsamtale',
    revised: 'Dansk nok til en jobsamtale og til forældremøder',
    tasks: [
      { words: 'Tilmelde sig danskundervisning om aftenen', level: 1 },
      { words: 'Øve dansk i sprogcaféen på biblioteket', level: 1 },
      { words: 'Få FVU-dansk på sprogcentret', level: 2 },
    ],
  },
  leisure_network: {
    goal: 'En fritidsaktivitet for børnene',
    revised: 'En fritidsaktivitet for hvert af børnene',
    tasks: [
      { words: 'Finde en fodboldklub', level: 1 },
      { words: 'Søge fritidspas til børnene', level: 1 },
      { words: 'Komme med i fritidsklubben', level: 2 },
      { words: 'Aftale forløb med en fritidsguide', level: 3 },
    ],
  },
};

const DROP_REASONS = [
  'Familien ønskede det ikke længere',
  'Ikke længere aktuelt: familien fandt selv en løsning',
  'Erstattet af en anden opgave i planen',
];
const HAND_BACK_REASONS = [
  'Opgaven kræver ikke specialistviden: parret kan klare den, og jeg giver gerne et råd undervejs',
  'Jeg har ikke plads før om en måned: spørg en anden med samme kompetence',
];

/** The states of open tasks in turn (every state appears; closed ones are two of six). */
const STATES: TaskState[] = ['open', 'in_progress', 'waiting_family', 'waiting_authority', 'done', 'dropped'];
const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dayOf = (n: number) => new Date(Math.round(n) * DAY_MS).toISOString().slice(0, 10);
const addDays = (date: string, days: number) => dayOf(dayNumber(date) + days);
const ageOn = (birth: string, day: string) => Math.floor((dayNumber(day) - dayNumber(birth)) / 365.25);
/** An instant on a working day's morning (the time in UTC: 9–15 Danish time, whatever the season). */
const at = (day: string, hour: number, minute = 0) =>
  new Date(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);

/** A new record's fields as its history has them (the order given): each from nothing to its value. */
const added = (fields: Record<string, unknown>): ChangeList =>
  Object.entries(fields).map(([field, to]) => ({ field, from: null, to }));

/** The next of a shuffled list, starting over when it runs out (a family of many children). */
function drawFrom(list: string[]): string {
  const word = list.shift()!;
  list.push(word);
  return word;
}

export interface DemoPlans {
  dreams: Insertable<PlanDreamTable>[];
  goals: Insertable<PlanGoalTable>[];
  versions: Insertable<PlanVersionTable>[];
  tasks: Insertable<TaskTable>[];
  helpers: Insertable<TaskHelperTable>[];
  /** Each task's history, as the task routes write it (entity `task`). */
  history: Insertable<ChangeRecordTable>[];
  /** A work phone per team staff member (printed on the plan). */
  workPhones: { id: string; phone: string }[];
}

export function plansOf(data: GeneratedMunicipality, today = '2026-11-25'): DemoPlans {
  const rng = seededRandom(1403);
  const uuid = () => uuidFrom(rng.next);
  const m = data.municipality.id;
  const out: DemoPlans = {
    dreams: [],
    goals: [],
    versions: [],
    tasks: [],
    helpers: [],
    history: [],
    workPhones: [],
  };
  const staff = data.users.filter((u) => u.role === 'team_member' || u.role === 'team_leader');
  for (const [i, u] of staff.entries())
    out.workPhones.push({
      id: u.id,
      phone: `87 13 ${String(40 + i).padStart(2, '0')} ${String(10 + ((i * 7) % 90)).padStart(2, '0')}`,
    });
  const domainByCode = new Map(data.domains.map((d) => [d.code as string, d.id]));
  const pairOf = new Map(data.pairs.map((p) => [p.household_id, p]));
  const membersOf = new Map<string, GeneratedMunicipality['persons']>();
  for (const p of data.persons) membersOf.set(p.household_id, [...(membersOf.get(p.household_id) ?? []), p]);
  const teamOf = new Map(data.users.map((u) => [u.id, u.team_id]));
  const levelOf = new Map(data.staffCompetences.map((c) => [`${c.user_id}:${c.domain_id}`, c.level]));
  const level = (userId: string, domainId: string) => levelOf.get(`${userId}:${domainId}`) ?? 0;
  const specialists = data.users.filter((u) => u.role === 'team_member');
  /** Tasks routed to each person so far: the rule prefers the least loaded. */
  const load = new Map<string, number>();
  const handedBackInTeam = new Set<string>();
  let stateTurn = 0;

  for (const h of data.households) {
    const pair = pairOf.get(h.id);
    if (!pair) continue;
    const end = h.status === 'exited' && h.exited_on ? h.exited_on : today;
    const members = membersOf.get(h.id) ?? [];
    const adults = members.filter((p) => p.household_role !== 'child');
    const pairIds = [pair.first_member_id, pair.second_member_id];
    const content: PlanContent = { dreams: [], goals: [] };
    let version = 0;
    const record = (change: PlanChange, when: Date, by: string) => {
      version += 1;
      out.versions.push({
        municipality_id: m,
        household_id: h.id,
        version,
        snapshot: JSON.stringify(content),
        changes: JSON.stringify([change]),
        changed_by: by,
        changed_at: when,
      });
    };
    const span = dayNumber(end) - dayNumber(h.enrolled_on);
    /** A day a share of the way through the family's time with the team. */
    const through = (share: number) => addDays(h.enrolled_on, Math.floor(span * share));

    // Dreams, said at the first visits: each adult's, often in their own language, and each child's of school age.
    const dreamsOn = addDays(h.enrolled_on, Math.min(7, Math.floor(span / 4)));
    let minute = 0;
    // Each list drawn without repeats within a family: two siblings do not say the same words.
    const left = {
      child: rng.shuffle([...CHILD_DREAMS]),
      youth: rng.shuffle([...YOUTH_DREAMS]),
      adult: rng.shuffle([...DANISH_DREAMS]),
    };
    for (const person of members) {
      const isChild = person.household_role === 'child';
      const age = ageOn(person.birth_date, dreamsOn);
      if (isChild && age < 6) continue;
      const own = person.languages.find((l) => l !== 'da' && DREAMS[l]);
      const inOwn = !isChild && own !== undefined && (!person.languages.includes('da') || rng.next() < 0.5);
      const said = inOwn
        ? rng.pick(DREAMS[own]!)
        : {
            words: drawFrom(left[isChild ? (age >= 13 ? 'youth' : 'child') : 'adult']),
            danish: null,
          };
      const dream = {
        id: uuid(),
        personId: person.id,
        words: said.words,
        language: inOwn ? own! : 'da',
        danish: inOwn ? said.danish : null,
      };
      content.dreams = [...content.dreams, dream];
      out.dreams.push({
        municipality_id: m,
        household_id: h.id,
        id: dream.id,
        person_id: person.id,
        words: dream.words,
        language: dream.language,
        danish: dream.danish,
        created_at: at(dreamsOn, 9, minute),
      });
      record(
        {
          kind: 'dream',
          action: 'add',
          id: dream.id,
          words: dream.words,
          fields: added({
            personId: person.id,
            words: dream.words,
            language: dream.language,
            ...(dream.danish ? { danish: dream.danish } : {}),
          }),
        },
        at(dreamsOn, 9, minute++),
        pair.first_member_id,
      );
    }

    // Goals: a job first (the model's job-first principle), two or three more; agreed two weeks in.
    const agreedOn = addDays(h.enrolled_on, Math.min(14, Math.floor(span / 3)));
    const others = rng.shuffle(Object.keys(GOALS).filter((c) => c !== 'employment'));
    const codes = ['employment', ...others.slice(0, rng.int(2, 3))];
    const later = others[3]!;
    // The family's order: the job is first for most, second for some.
    if (rng.next() < 0.3) [codes[0], codes[1]] = [codes[1]!, codes[0]!];
    type Goal = PlanContent['goals'][number];
    const addGoal = (code: string, priority: number, on: string, by: string, who: string[]): Goal => {
      const domainId = domainByCode.get(code)!;
      const goal: Goal = {
        id: uuid(),
        domainId,
        words: GOALS[code]!.goal,
        priority,
        agreedOn: on,
        agreedByPersonIds: who,
      };
      content.goals = [...content.goals, goal];
      out.goals.push({
        municipality_id: m,
        household_id: h.id,
        id: goal.id,
        domain_id: domainId,
        words: goal.words,
        priority,
        agreed_on: on,
        agreed_by_person_ids: who,
        created_at: at(on, 10, minute),
      });
      record(
        {
          kind: 'goal',
          action: 'add',
          id: goal.id,
          words: goal.words,
          fields: added({ domainId, words: goal.words, priority, agreedOn: on, agreedByPersonIds: who }),
        },
        at(on, 10, minute++),
        by,
      );
      return goal;
    };
    // Most goals agreed by all the adults; now and then by one of two, the other agreeing later.
    const firstWho = adults.length === 2 && rng.next() < 0.3 ? [adults[0]!.id] : adults.map((a) => a.id);
    const planned = codes.map((code, i) => ({
      code,
      goal: addGoal(code, i + 1, agreedOn, pair.first_member_id, firstWho),
    }));

    // A later change in every plan: the family puts a goal more precisely, some add a goal, and a
    // second adult agrees. Each is one version, by the second of the pair, in order of time.
    const edit = (goal: Goal, field: 'words' | 'agreedByPersonIds', to: string | string[], on: string) => {
      const from = goal[field];
      const changed = { ...goal, [field]: to };
      content.goals = content.goals.map((g) => (g.id === goal.id ? changed : g));
      const row = out.goals.find((g) => g.id === goal.id)!;
      if (field === 'words') row.words = to as string;
      else row.agreed_by_person_ids = to as string[];
      record(
        {
          kind: 'goal',
          action: 'edit',
          id: goal.id,
          words: changed.words,
          fields: [{ field, from, to }],
        },
        at(on, 11, minute++),
        pair.second_member_id,
      );
      return changed;
    };
    const revisedOn = through(0.45);
    const revisedIndex = rng.int(0, planned.length - 1);
    const revised = planned[revisedIndex]!;
    revised.goal = edit(revised.goal, 'words', GOALS[revised.code]!.revised, revisedOn);
    if (firstWho.length < adults.length) {
      const g = planned[0]!;
      g.goal = edit(
        g.goal,
        'agreedByPersonIds',
        adults.map((a) => a.id),
        through(0.55),
      );
    }
    if (rng.next() < 0.4 && span > 60) {
      const on = through(0.65);
      planned.push({
        code: later,
        goal: addGoal(
          later,
          planned.length + 1,
          on,
          pair.second_member_id,
          adults.map((a) => a.id),
        ),
      });
    }

    // Tasks: two or three per goal, written when the goal was agreed (or soon after).
    for (const { code, goal } of planned) {
      const templates = rng.shuffle([...GOALS[code]!.tasks]).slice(0, rng.int(2, 3));
      for (const [j, template] of templates.entries()) {
        const createdOn = addDays(
          goal.agreedOn!,
          Math.min(rng.int(0, 20), Math.max(0, dayNumber(end) - dayNumber(goal.agreedOn!) - 3)),
        );
        const closedByExit = h.status === 'exited';
        const state: TaskState = closedByExit
          ? rng.next() < 0.8
            ? 'done'
            : 'dropped'
          : // 5 is coprime with 6: the states come round in another order than the templates, so they mix.
            STATES[(stateTurn++ * 5) % STATES.length]!;
        addTask(h, pair, pairIds, goal.id, goal.domainId, template, j, state, createdOn, end);
      }
    }
  }

  function addTask(
    h: GeneratedMunicipality['households'][number],
    pair: GeneratedMunicipality['pairs'][number],
    pairIds: string[],
    goalId: string,
    domainId: string,
    template: { words: string; level: 1 | 2 | 3 },
    j: number,
    state: TaskState,
    createdOn: string,
    end: string,
  ) {
    const id = uuid();
    const adults = (membersOf.get(h.id) ?? []).filter((p) => p.household_role !== 'child');
    const owner = pairIds[(out.tasks.length + j) % 2]!;
    const other = pairIds.find((p) => p !== owner)!;
    const raisedByPerson = j === 0 || rng.next() < 0.5 ? (rng.pick(adults)?.id ?? null) : null;
    // The rule's own test: a pair member with the level handles it; else a specialist of the domain
    // at the level, the family's team first, the least loaded, never one of the pair.
    let specialist: string | undefined;
    if (template.level > 1 && !pairIds.some((p) => level(p, domainId) >= template.level)) {
      specialist = specialists
        .filter((s) => !pairIds.includes(s.id) && level(s.id, domainId) >= template.level)
        .sort(
          (a, b) =>
            Number(b.team_id === h.team_id) - Number(a.team_id === h.team_id) ||
            (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) ||
            (a.id < b.id ? -1 : 1),
        )[0]?.id;
    }
    let routing: TaskRoutingState = 'none';
    let handBackReason: string | null = null;
    if (specialist && state !== 'dropped') {
      routing = state === 'open' ? 'asked' : 'accepted';
      const team = teamOf.get(owner) ?? '';
      if (state !== 'done' && !handedBackInTeam.has(team)) {
        handedBackInTeam.add(team);
        routing = 'handed_back';
        handBackReason = HAND_BACK_REASONS[handedBackInTeam.size % HAND_BACK_REASONS.length]!;
      }
      load.set(specialist, (load.get(specialist) ?? 0) + 1);
    }
    const helper = out.tasks.length % 3 === 2 ? other : null;
    const dropReason = state === 'dropped' ? rng.pick(DROP_REASONS) : null;

    // The task's history: created, routed, answered, its state moved on — spread over its time.
    const steps: { by: string; changes: ChangeList }[] = [];
    if (specialist && routing !== 'none') {
      steps.push({
        by: owner,
        changes: [
          { field: 'routedTo', from: null, to: specialist },
          { field: 'routingState', from: 'none', to: 'asked' },
        ],
      });
      if (routing === 'accepted' || routing === 'handed_back')
        steps.push({ by: specialist, changes: [{ field: 'routingState', from: 'asked', to: 'accepted' }] });
      if (routing === 'handed_back')
        steps.push({
          by: specialist,
          changes: [
            { field: 'routingState', from: 'accepted', to: 'handed_back' },
            { field: 'handBackReason', from: null, to: handBackReason },
          ],
        });
    }
    const path: TaskState[] =
      state === 'open'
        ? []
        : state === 'in_progress'
          ? ['in_progress']
          : state === 'dropped'
            ? ['dropped']
            : ['in_progress', state];
    let before: TaskState = 'open';
    for (const next of path) {
      steps.push({
        // A specialist who took the task over moves it on themselves.
        by: routing === 'accepted' && template.level === 3 && next !== 'dropped' ? specialist! : owner,
        changes: [
          { field: 'state', from: before, to: next },
          ...(next === 'dropped' ? [{ field: 'dropReason', from: null, to: dropReason }] : []),
        ],
      });
      before = next;
    }
    const start = dayNumber(createdOn);
    const last = Math.max(start, dayNumber(end) - 1);
    const created = at(createdOn, 9, out.tasks.length % 60);
    const when = steps.map((_, i) =>
      at(dayOf(start + ((last - start) * (i + 1)) / (steps.length + 1)), 12, i),
    );
    const updated = when.at(-1) ?? created;
    const due =
      state === 'done' || state === 'dropped'
        ? dayOf(Math.min(last, start + rng.int(14, 60)))
        : addDays(today, rng.int(-10, 45));
    out.tasks.push({
      municipality_id: m,
      id,
      household_id: h.id,
      words: template.words,
      raised_by_person_id: raisedByPerson,
      raised_by_staff_id: raisedByPerson ? null : owner,
      domain_id: domainId,
      level: template.level,
      owner_id: owner,
      routed_to: routing === 'none' ? null : specialist!,
      routing_state: routing,
      hand_back_reason: handBackReason,
      due_on: rng.next() < 0.85 ? due : null,
      state,
      drop_reason: dropReason,
      goal_id: goalId,
      version: 1 + steps.length,
      created_at: created,
      updated_at: updated,
    });
    if (helper) out.helpers.push({ municipality_id: m, task_id: id, user_id: helper });
    const entry = (action: string, by: string, changes: ChangeList, changedAt: Date) =>
      out.history.push({
        municipality_id: m,
        household_id: h.id,
        entity: 'task',
        entity_id: id,
        action,
        changes: JSON.stringify(changes),
        changed_by: by,
        changed_at: changedAt,
      });
    entry(
      'create',
      pair.first_member_id === owner ? owner : pair.second_member_id,
      added({
        words: template.words,
        level: template.level,
        goalId,
        ...(helper ? { helperIds: [helper] } : {}),
      }),
      created,
    );
    for (const [i, s] of steps.entries()) entry('update', s.by, s.changes, when[i]!);
  }
  return out;
}
