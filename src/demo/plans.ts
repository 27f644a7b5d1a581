import type { Insertable, Transaction } from 'kysely';
import type {
  Database,
  PlanDreamTable,
  PlanGoalTable,
  PlanVersionTable,
  TaskHelperTable,
  TaskState,
  TaskTable,
} from '../db/schema';
import type { PlanChange, PlanContent } from '../shared/plans/plans.contract';
import type { GeneratedMunicipality } from './generate';
import { seededRandom } from './random';

/*
 * The demo families' plans and tasks (issue 14 §3–4, decision 0039): dreams in the members' own
 * languages with a Danish rendering, goals per domain with the family's priority, agreed on a day
 * by the adults, the plan's versions as the app would have written them, and tasks at all three
 * levels and in every state — linked to goals, owned by the pair, some with a helper, a level-3
 * one with a specialist who accepted it. Deterministic (its own seed), and for the first families
 * of each team only, so seeding stays fast.
 */

/** Dreams as a person might say them, by language, each with its Danish rendering. */
const DREAMS: Record<string, { words: string; danish: string }[]> = {
  ar: [
    { words: 'أريد أن أعمل ممرضة', danish: 'Jeg vil gerne arbejde som sygeplejerske' },
    { words: 'أريد أن أتعلم اللغة الدنماركية جيدا', danish: 'Jeg vil gerne lære dansk godt' },
  ],
  so: [{ words: 'Waxaan rabaa inaan shaqo helo', danish: 'Jeg vil gerne have et arbejde' }],
  tr: [
    { words: 'Kendi işimi açmak istiyorum', danish: 'Jeg vil gerne starte min egen forretning' },
    {
      words: 'Çocuklarımın okulda mutlu olmasını istiyorum',
      danish: 'Jeg vil gerne have, at mine børn er glade i skolen',
    },
  ],
  fa: [{ words: 'می‌خواهم رانندگی یاد بگیرم', danish: 'Jeg vil gerne lære at køre bil' }],
  bs: [{ words: 'Želim naći posao', danish: 'Jeg vil gerne finde et arbejde' }],
  vi: [{ words: 'Tôi muốn học tiếng Đan Mạch', danish: 'Jeg vil gerne lære dansk' }],
};
const DANISH_DREAMS = [
  'Jeg vil gerne have et arbejde, hvor jeg kan bruge mine hænder',
  'Vi vil gerne have en større lejlighed',
  'Jeg vil gerne have styr på økonomien, så vi ikke skylder noget',
];
const CHILD_DREAMS = [
  'Jeg vil gerne gå til fodbold',
  'Jeg vil være læge, når jeg bliver stor',
  'Jeg vil gerne have en ven i klassen',
];

/** A goal and the tasks that serve it, by domain: the family's words, as the pair wrote them. */
const GOALS: Record<string, { goal: string; tasks: string[] }> = {
  employment: {
    goal: 'Et arbejde inden sommerferien',
    tasks: ['Skrive et CV sammen med parret', 'Søge praktik i et supermarked'],
  },
  benefits_economy: {
    goal: 'Et budget, der holder hver måned',
    tasks: ['Lave et budget for en måned', 'Søge boligstøtte'],
  },
  debt: { goal: 'En aftale om gælden', tasks: ['Samle alle regninger i én mappe'] },
  children_family: {
    goal: 'Rolige morgener med børnene',
    tasks: ['Finde en aflastningsfamilie', 'Tale med sundhedsplejersken om søvn'],
  },
  school_education: {
    goal: 'Den ældste trives i skolen',
    tasks: ['Holde møde med klasselæreren', 'Finde lektiehjælp'],
  },
  health_mental_health: {
    goal: 'Mere overskud i hverdagen',
    tasks: ['Få en tid hos egen læge', 'Finde en psykolog, der taler arabisk'],
  },
  housing: { goal: 'En bolig med et værelse mere', tasks: ['Skrive os op til en større bolig'] },
  language_education: {
    goal: 'Dansk nok til en jobsamtale',
    tasks: ['Tilmelde sig danskundervisning om aftenen'],
  },
  leisure_network: { goal: 'En fritidsaktivitet for børnene', tasks: ['Finde en fodboldklub'] },
};

const STATES: TaskState[] = ['open', 'in_progress', 'waiting_family', 'waiting_authority', 'done', 'dropped'];
const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

function uuid(rng: ReturnType<typeof seededRandom>): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng.next() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export interface DemoPlans {
  dreams: Insertable<PlanDreamTable>[];
  goals: Insertable<PlanGoalTable>[];
  versions: Insertable<PlanVersionTable>[];
  tasks: Insertable<TaskTable>[];
  helpers: Insertable<TaskHelperTable>[];
  /** A work phone per team staff member (printed on the plan). */
  workPhones: { id: string; phone: string }[];
}

/** How many families per team get a plan: enough to show, few enough to seed fast. */
const FAMILIES_PER_TEAM = 8;

export function plansOf(data: GeneratedMunicipality, today = '2026-11-25'): DemoPlans {
  const rng = seededRandom(1403);
  const m = data.municipality.id;
  const out: DemoPlans = { dreams: [], goals: [], versions: [], tasks: [], helpers: [], workPhones: [] };
  const staff = data.users.filter((u) => u.role === 'team_member' || u.role === 'team_leader');
  for (const [i, u] of staff.entries())
    out.workPhones.push({
      id: u.id,
      phone: `87 13 ${String(40 + i).padStart(2, '0')} ${String(10 + ((i * 7) % 90)).padStart(2, '0')}`,
    });
  const domainCode = new Map(data.domains.map((d) => [d.id, d.code]));
  const domainByCode = new Map(data.domains.map((d) => [d.code, d.id]));
  const pairOf = new Map(data.pairs.map((p) => [p.household_id, p]));
  const level3 = data.staffCompetences.filter((c) => c.level === 3);
  const perTeam = new Map<string, number>();
  let stateTurn = 0;

  for (const h of data.households) {
    const pair = pairOf.get(h.id);
    if (!pair || h.status !== 'enrolled') continue;
    const n = perTeam.get(h.team_id) ?? 0;
    if (n >= FAMILIES_PER_TEAM) continue;
    perTeam.set(h.team_id, n + 1);

    const members = data.persons.filter((p) => p.household_id === h.id);
    const adults = members.filter((p) => p.household_role !== 'child');
    const child = members.find((p) => p.household_role === 'child');
    const agreedOn = addDays(h.enrolled_on ?? today, 14);
    const writer = pair.first_member_id;
    const content: PlanContent = { dreams: [], goals: [] };
    let version = 0;
    let at = Date.parse(`${agreedOn}T10:00:00Z`);
    const record = (change: PlanChange) => {
      version += 1;
      at += 60_000;
      out.versions.push({
        municipality_id: m,
        household_id: h.id,
        version,
        snapshot: JSON.stringify(content),
        changes: JSON.stringify([change]),
        changed_by: writer,
        changed_at: new Date(at).toISOString(),
      });
    };

    // Dreams: each adult's in their first language (with Danish), a child's in Danish.
    for (const adult of adults) {
      const language = adult.languages.find((l) => DREAMS[l]) ?? 'da';
      const said = DREAMS[language]
        ? rng.pick(DREAMS[language]!)
        : { words: rng.pick(DANISH_DREAMS), danish: null };
      const dream = {
        id: uuid(rng),
        personId: adult.id,
        words: said.words,
        language,
        danish: language === 'da' ? null : said.danish,
      };
      content.dreams = [...content.dreams, dream];
      out.dreams.push({
        municipality_id: m,
        household_id: h.id,
        id: dream.id,
        person_id: adult.id,
        words: dream.words,
        language: dream.language,
        danish: dream.danish,
      });
      record({
        kind: 'dream',
        action: 'add',
        id: dream.id,
        words: dream.words,
        fields: [
          { field: 'personId', from: null, to: adult.id },
          { field: 'words', from: null, to: dream.words },
          { field: 'language', from: null, to: dream.language },
          ...(dream.danish ? [{ field: 'danish', from: null, to: dream.danish }] : []),
        ],
      });
    }
    if (child) {
      const dream = {
        id: uuid(rng),
        personId: child.id,
        words: rng.pick(CHILD_DREAMS),
        language: 'da',
        danish: null,
      };
      content.dreams = [...content.dreams, dream];
      out.dreams.push({
        municipality_id: m,
        household_id: h.id,
        id: dream.id,
        person_id: child.id,
        words: dream.words,
        language: 'da',
        danish: null,
      });
      record({
        kind: 'dream',
        action: 'add',
        id: dream.id,
        words: dream.words,
        fields: [
          { field: 'personId', from: null, to: child.id },
          { field: 'words', from: null, to: dream.words },
          { field: 'language', from: null, to: 'da' },
        ],
      });
    }

    // Goals: three domains, the family's order; agreed by the adults two weeks after enrolment.
    const codes = rng.shuffle([...Object.keys(GOALS)]).slice(0, 3);
    const goalIds: string[] = [];
    for (const [priority, code] of codes.entries()) {
      const domainId = domainByCode.get(code as never);
      if (!domainId) continue;
      const goal = {
        id: uuid(rng),
        domainId,
        words: GOALS[code]!.goal,
        priority: priority + 1,
        agreedOn,
        agreedByPersonIds: adults.map((a) => a.id),
      };
      goalIds.push(goal.id);
      content.goals = [...content.goals, goal];
      out.goals.push({
        municipality_id: m,
        household_id: h.id,
        id: goal.id,
        domain_id: domainId,
        words: goal.words,
        priority: goal.priority,
        agreed_on: agreedOn,
        agreed_by_person_ids: goal.agreedByPersonIds,
      });
      record({
        kind: 'goal',
        action: 'add',
        id: goal.id,
        words: goal.words,
        fields: [
          { field: 'domainId', from: null, to: domainId },
          { field: 'words', from: null, to: goal.words },
          { field: 'priority', from: null, to: goal.priority },
          { field: 'agreedOn', from: null, to: agreedOn },
          { field: 'agreedByPersonIds', from: null, to: goal.agreedByPersonIds },
        ],
      });
    }

    // Tasks: one or two per goal, levels 1–3 in turn and every state in turn across the families.
    for (const goalId of goalIds) {
      const goal = content.goals.find((g) => g.id === goalId)!;
      const code = domainCode.get(goal.domainId)!;
      for (const [j, words] of GOALS[code]!.tasks.entries()) {
        const level = ((out.tasks.length % 3) + 1) as 1 | 2 | 3;
        // 5 is coprime with 6: the states come round in another order than the levels, so they mix.
        const state = STATES[(stateTurn++ * 5) % STATES.length]!;
        const id = uuid(rng);
        const owner = j % 2 === 0 ? pair.first_member_id : pair.second_member_id;
        // A level-3 task in progress is with a specialist of its domain who accepted it.
        const specialist =
          level === 3 && state === 'in_progress'
            ? level3.find((c) => c.domain_id === goal.domainId && c.user_id !== owner)?.user_id
            : undefined;
        out.tasks.push({
          municipality_id: m,
          id,
          household_id: h.id,
          words,
          raised_by_person_id: j === 0 ? (adults[0]?.id ?? null) : null,
          raised_by_staff_id: j === 0 && adults[0] ? null : owner,
          domain_id: goal.domainId,
          level,
          owner_id: owner,
          routed_to: specialist ?? null,
          routing_state: specialist ? 'accepted' : 'none',
          due_on: addDays(today, rng.int(-10, 60)),
          state,
          drop_reason: state === 'dropped' ? 'Familien ønskede det ikke længere' : null,
          goal_id: goalId,
        });
        // The other of the pair helps with every third task.
        if (out.tasks.length % 3 === 0) {
          const helper = owner === pair.first_member_id ? pair.second_member_id : pair.first_member_id;
          out.helpers.push({ municipality_id: m, task_id: id, user_id: helper });
        }
      }
    }
  }
  return out;
}

/** Writes the demo plans in the seed's transaction. */
export async function seedPlans(trx: Transaction<Database>, data: GeneratedMunicipality, today?: string) {
  const plans = plansOf(data, today);
  for (const { id, phone } of plans.workPhones)
    await trx
      .updateTable('app_user')
      .set({ work_phone: phone })
      .where('municipality_id', '=', data.municipality.id)
      .where('id', '=', id)
      .execute();
  if (plans.dreams.length > 0) await trx.insertInto('plan_dream').values(plans.dreams).execute();
  if (plans.goals.length > 0) await trx.insertInto('plan_goal').values(plans.goals).execute();
  if (plans.versions.length > 0) await trx.insertInto('plan_version').values(plans.versions).execute();
  if (plans.tasks.length > 0) await trx.insertInto('task').values(plans.tasks).execute();
  if (plans.helpers.length > 0) await trx.insertInto('task_helper').values(plans.helpers).execute();
}
