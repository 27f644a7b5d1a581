import type { Insertable } from 'kysely';
import type { Db } from '../db/client';
import type { HouseholdTable, OutreachStatusValue } from '../db/schema';
import { refreshHouseholdSummary } from '../server/families/families.queries';
import {
  DEFAULT_ELIGIBILITY_RULE,
  type EligibilityMember,
  judgeEligibility,
} from '../shared/outreach/eligibility';
import type { GeneratedMunicipality } from './generate';
import { countries, countryCodes } from './names';
import { seededRandom } from './random';

/*
 * The outreach demo (issue 15 §1–2): Gellerup's buildings as blocks of staircases, and 223
 * eligible households living there — the 62 families of the demo among them, enrolled — found
 * by outreach and at every step of it, plus some that are not eligible, so the building picture
 * shows every status. Deterministic (its own random stream), written in a few statements.
 */

export const OUTREACH_DEMO_ELIGIBLE = 223;
const NOT_ELIGIBLE = 40;
const FLOORS = [0, 1, 2, 3, 4, 5, 6, 7];
const DOORS = ['tv', 'mf', 'th'];
/** Staircases per building: Gellerup's blocks are long, several entrances side by side. */
const BLOCK = 4;

type Uuid = () => string;
const uuidFrom =
  (rng: ReturnType<typeof seededRandom>): Uuid =>
  () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(rng.next() * 16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };

/** Who the prospects are: how far outreach has come with each (the rest are only eligible). */
const PROSPECT_STATUSES: [OutreachStatusValue, number][] = [
  ['not_home', 30],
  ['talked', 25],
  ['call_back', 20],
  ['not_interested', 18],
  ['interested', 16],
  // The comparison group (decision 0049): eligible households the team does not go to, followed
  // from register data only; the team never sees them, analysts count them.
  ['comparison', 30],
];
/** The day the demo's comparison group was formed. */
const COMPARISON_ON = '2025-09-01';

export async function seedOutreachDemo(
  db: Db,
  data: GeneratedMunicipality,
  today = '2026-11-25',
): Promise<void> {
  const rng = seededRandom(1515);
  const uuid = uuidFrom(rng);
  const m = data.municipality.id;
  const area = data.areas[0]!;
  const team = data.team;
  const families = data.households.filter((h) => h.team_id === team.id);

  // Places: every staircase of the families' addresses, more staircases beside them, in blocks.
  const addresses = new Map<string, { street: string; number: string; entrance: string }>();
  const keyOf = (street: string, number: string, entrance: string) => `${street}|${number}|${entrance}`;
  for (const h of families) {
    const entrance = h.entrance ?? '';
    addresses.set(keyOf(h.street, h.building_number, entrance), {
      street: h.street,
      number: h.building_number,
      entrance,
    });
  }
  const byStreet = new Map<string, { street: string; number: string; entrance: string }[]>();
  for (const a of addresses.values()) byStreet.set(a.street, [...(byStreet.get(a.street) ?? []), a]);
  const buildings: { municipality_id: string; id: string; area_id: string; name: string }[] = [];
  const staircases: {
    municipality_id: string;
    id: string;
    building_id: string;
    street: string;
    number: string;
    entrance: string;
    postal_code: string;
  }[] = [];
  for (const [street, list] of [...byStreet.entries()].sort(([a], [b]) => a.localeCompare(b, 'da'))) {
    list.sort((a, b) => Number(a.number) - Number(b.number) || a.entrance.localeCompare(b.entrance));
    for (let i = 0; i < list.length; i += BLOCK) {
      const block = list.slice(i, i + BLOCK);
      const first = block[0]!;
      const last = block[block.length - 1]!;
      const name =
        first.number === last.number
          ? `${street} ${first.number}`
          : `${street} ${first.number}–${last.number}`;
      const building = {
        municipality_id: m,
        id: uuid(),
        area_id: area.id,
        name: buildings.some((b) => b.name === name) ? `${name} (${i})` : name,
      };
      buildings.push(building);
      for (const a of block)
        staircases.push({
          municipality_id: m,
          id: uuid(),
          building_id: building.id,
          ...a,
          postal_code: '8220',
        });
    }
  }
  const apartments = staircases.flatMap((s) =>
    FLOORS.flatMap((floor) =>
      DOORS.map((door) => ({ municipality_id: m, id: uuid(), staircase_id: s.id, floor, door })),
    ),
  );
  const staircaseOf = new Map(staircases.map((s) => [keyOf(s.street, s.number, s.entrance), s]));
  const apartmentAt = new Map(apartments.map((a) => [`${a.staircase_id}|${a.floor}|${a.door}`, a]));
  const taken = new Set<string>();

  // The demo's families: enrolled (or exited) in outreach too, in their own apartment.
  const familyPlaces = families.map((h) => {
    const s = staircaseOf.get(keyOf(h.street, h.building_number, h.entrance ?? ''))!;
    const a = apartmentAt.get(`${s.id}|${Number(h.floor)}|${h.door}`);
    if (a) taken.add(a.id);
    return { household: h, apartmentId: a?.id ?? null };
  });
  const free = rng.shuffle(apartments.filter((a) => !taken.has(a.id)));

  // Prospects: eligible ones at each step of outreach, and some not eligible.
  const statuses = PROSPECT_STATUSES.flatMap(([s, n]) => Array.from({ length: n }, () => s));
  const eligibleProspects = OUTREACH_DEMO_ELIGIBLE - families.length;
  while (statuses.length < eligibleProspects) statuses.push('eligible');
  const prospects: {
    household: Insertable<HouseholdTable> & { id: string; street: string };
    lastName: string;
    members: (EligibilityMember & { first_name: string; birth: number })[];
  }[] = [];
  for (let i = 0; i < eligibleProspects + NOT_ELIGIBLE; i++) {
    const apartment = free[i]!;
    const staircase = staircases.find((s) => s.id === apartment.staircase_id)!;
    const eligible = i < eligibleProspects;
    const country = countries[rng.pick(countryCodes)];
    const lastName = rng.pick(country.last);
    const id = uuid();
    const children = eligible ? rng.int(1, 5) : rng.pick([0, 2]);
    const members = [
      {
        first_name: rng.pick(country.female),
        role: 'parent' as const,
        unemployedMonths: eligible ? rng.int(12, 96) : children === 0 ? rng.int(12, 60) : rng.int(0, 8),
        livesAtHome: null,
        birth: 1975 + rng.int(0, 18),
      },
      ...(rng.next() < 0.6
        ? [
            {
              first_name: rng.pick(country.male),
              role: 'parent' as const,
              unemployedMonths: eligible || children === 0 ? rng.int(0, 60) : rng.int(0, 8),
              livesAtHome: null,
              birth: 1972 + rng.int(0, 18),
            },
          ]
        : []),
      ...Array.from({ length: children }, (_, c) => ({
        first_name: rng.pick(c % 2 ? country.male : country.female),
        role: 'child' as const,
        unemployedMonths: null,
        livesAtHome: true,
        birth: 2008 + rng.int(0, 16),
      })),
    ];
    prospects.push({
      household: {
        municipality_id: m,
        id,
        team_id: team.id,
        area_id: area.id,
        reference: `U-${String(i + 1).padStart(4, '0')}`,
        street: staircase.street,
        building_number: staircase.number,
        entrance: staircase.entrance || null,
        floor: apartment.floor === 0 ? 'st' : String(apartment.floor),
        door: apartment.door,
        postal_code: '8220',
        status: 'prospect',
        outreach_status: eligible ? (statuses[i] ?? 'eligible') : 'not_eligible',
        comparison_on: eligible && statuses[i] === 'comparison' ? COMPARISON_ON : null,
        search_text: '',
        sort_name: '',
        apartment_id: apartment.id,
      },
      lastName,
      members,
    });
  }

  await db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto('building').values(buildings).execute();
    await trx.insertInto('staircase').values(staircases).execute();
    for (let i = 0; i < apartments.length; i += 1000)
      await trx
        .insertInto('apartment')
        .values(apartments.slice(i, i + 1000))
        .execute();
    const judged = prospects.map((p) => ({
      p,
      e: judgeEligibility(
        { street: p.household.street as string, postalCode: '8220', members: p.members },
        DEFAULT_ELIGIBILITY_RULE,
      ),
    }));
    await trx
      .insertInto('household')
      .values(
        judged.map(({ p, e }) => ({
          ...p.household,
          eligible: e.eligible,
          eligibility: JSON.stringify(e.reasons),
        })),
      )
      .execute();
    await trx
      .insertInto('person')
      .values(
        judged.flatMap(({ p }) =>
          p.members.map((x) => ({
            municipality_id: m,
            household_id: p.household.id,
            first_name: x.first_name,
            last_name: p.lastName,
            birth_date: `${x.birth}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`,
            household_role: x.role,
            unemployed_months: x.unemployedMonths,
            lives_at_home: x.livesAtHome,
          })),
        ),
      )
      .execute();
    // The families: parents unemployed at enrolment (the programme's rule), children at home.
    for (const { household, apartmentId } of familyPlaces) {
      const members = data.persons.filter((p) => p.household_id === household.id);
      const parents = members.filter((p) => p.household_role === 'parent');
      const months = 12 + rng.int(0, 84);
      const e = judgeEligibility(
        {
          street: household.street,
          postalCode: household.postal_code,
          members: members.map((p) => ({
            role: p.household_role,
            unemployedMonths:
              p.household_role === 'parent' ? (p === parents[0] ? months : rng.int(0, 30)) : null,
            livesAtHome: p.household_role === 'child' ? true : null,
          })),
        },
        DEFAULT_ELIGIBILITY_RULE,
      );
      await trx
        .updateTable('household')
        .set({
          apartment_id: apartmentId,
          outreach_status: 'enrolled',
          eligible: e.eligible,
          eligibility: JSON.stringify(e.reasons),
        })
        .where('municipality_id', '=', m)
        .where('id', '=', household.id)
        .execute();
      if (parents[0])
        await trx
          .updateTable('person')
          .set({ unemployed_months: months })
          .where('municipality_id', '=', m)
          .where('id', '=', parents[0].id)
          .execute();
    }
    await refreshHouseholdSummary(trx, m, null);
    const workers = data.users.filter(
      (u) => u.team_id === team.id && (u.role === 'team_member' || u.role === 'team_leader'),
    );
    const visits = [
      ...familyPlaces.map(({ household }) => ({
        householdId: household.id,
        final: 'interested' as const,
        before: household.enrolled_on ?? today,
      })),
      ...prospects.flatMap(({ household }) => {
        const final = household.outreach_status;
        return final === 'not_home' ||
          final === 'talked' ||
          final === 'call_back' ||
          final === 'not_interested' ||
          final === 'interested'
          ? [{ householdId: household.id, final, before: today }]
          : [];
      }),
    ].flatMap((h) => visitHistory(rng, uuid, m, workers, h));
    for (let i = 0; i < visits.length; i += 500)
      await trx
        .insertInto('outreach_visit')
        .values(visits.slice(i, i + 500))
        .execute();
  });
}

type Outcome = 'not_home' | 'talked' | 'call_back' | 'not_interested' | 'interested';
const REASONS = [
  'no_time',
  'no_time',
  'has_work_or_education',
  'already_helped',
  'distrust',
  'health',
  'moving',
  'other',
] as const;
const LANGUAGES = ['da', 'ar', 'so', 'so', 'tr', 'ur', 'fa', 'ku'] as const;
const DAY = 86_400_000;

/**
 * A household's visits over the months before `before` (its enrolment, or today): 1–4 attempts,
 * the earlier ones not home, a word at the door or "come back", the last one the outcome its
 * status shows (interested for the enrolled families). Weekdays between 10 and 19.
 */
function visitHistory(
  rng: ReturnType<typeof seededRandom>,
  uuid: Uuid,
  municipalityId: string,
  workers: { id: string }[],
  h: { householdId: string; final: Outcome; before: string },
) {
  const count = h.final === 'not_home' ? rng.int(1, 3) : rng.int(1, 4);
  const end = Date.parse(`${h.before}T00:00:00Z`) - rng.int(3, 40) * DAY;
  let at = end - rng.int(20, 150) * DAY;
  const step = Math.max(1, Math.floor((end - at) / DAY / count));
  const language = rng.pick(LANGUAGES);
  return Array.from({ length: count }, (_, i) => {
    const last = i === count - 1;
    const outcome: Outcome = last
      ? h.final
      : rng.pick(['not_home', 'not_home', 'call_back', 'talked'] as const);
    // At least three days apart, so moving a weekend to Monday keeps the order.
    at += rng.int(3, Math.max(3, step)) * DAY;
    const day = new Date(at);
    // Weekends move to Monday: outreach works weekdays.
    const weekday = day.getUTCDay();
    if (weekday === 0 || weekday === 6) day.setTime(day.getTime() + (weekday === 6 ? 2 : 1) * DAY);
    day.setUTCHours(rng.int(9, 17), rng.pick([0, 15, 30, 45]), 0, 0);
    const met = outcome !== 'not_home';
    return {
      municipality_id: municipalityId,
      id: uuid(),
      household_id: h.householdId,
      visited_at: day.toISOString(),
      visited_by: rng.pick(workers).id,
      companion_id: null,
      outcome,
      call_back_on:
        outcome === 'call_back'
          ? new Date(day.getTime() + rng.int(5, 21) * DAY).toISOString().slice(0, 10)
          : null,
      reason: outcome === 'not_interested' ? rng.pick(REASONS) : null,
      language: met ? language : null,
      interpreter_needed: met && language !== 'da' && rng.next() < 0.4,
      note: null,
      client_id: uuid(),
      conflict_with: null,
      recorded_at: new Date(day),
    };
  });
}
