import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { loadInstruments } from '../server/measures/instruments';
import { today as realToday } from '../shared/common/today';
import type { Instrument } from '../shared/measures/measures.contract';
import { addDays, addMonths } from '../shared/measures/schedule';
import { scoreAnswers } from '../shared/measures/scoring';
import type { GeneratedMunicipality } from './generate';
import { type Random, seededRandom } from './random';

/*
 * Demo measurements (issue 15 §5): a baseline shortly after each family's enrolment, a follow-up
 * every six months (well-being creeping up, statuses moving towards work), an exit measurement
 * for most families that left. A few families show what "due" looks like: every seventh has no
 * baseline yet (the demo: its first team's families all have one), every fifth still enrolled has missed its latest follow-up. Deterministic for a
 * municipality and a day; a handful of statements whatever the number of families.
 */

type Trx = Transaction<Database>;

const SCHOOLS = ['Tovshøjskolen', 'Ellekærskolen', 'Hasle Skole', 'Skjoldhøjskolen', 'Rosenvangskolen'];
const LEISURE = ['Fodbold', 'Svømning', 'Spejder', 'Kor', 'Basketball', 'Lektiecafé', 'Dans'];
const START_STATUS = [
  'CASH_BENEFIT',
  'CASH_BENEFIT',
  'RESOURCE_COURSE',
  'SICKNESS_BENEFIT',
  'JOB_CLARIFICATION',
];
const LATER_STATUS = [
  'INTERNSHIP',
  'EMPLOYED_WITH_BENEFIT',
  'EDUCATION',
  'FLEX_JOB',
  'EMPLOYED',
  'WAGE_SUBSIDY',
];

function uuid(r: Random): string {
  const hex = Array.from({ length: 32 }, () => r.int(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const seedOf = (id: string) => [...id].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 7);
const clamp = (v: number, min: number, max: number) => Math.max(min, Math.min(max, v));
const ageOn = (birth: string, day: string) => {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
};

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 500) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** The demo families' measurements, written in the seed's transaction. */
export async function seedMeasures(
  trx: Trx,
  data: GeneratedMunicipality,
  day = realToday(),
  options: { cohortBaselined: boolean } = { cohortBaselined: false },
) {
  const m = data.municipality.id;
  const instruments = await loadInstruments(trx, m);
  const byCode = new Map(instruments.map((i) => [i.code, i]));
  const r = seededRandom(seedOf(m));
  const measurements: {
    municipality_id: string;
    id: string;
    household_id: string;
    occasion: 'baseline' | 'follow_up' | 'exit';
    taken_on: string;
    language: 'da' | 'en';
    recorded_by: string;
  }[] = [];
  const sessions: {
    municipality_id: string;
    id: string;
    measurement_id: string;
    household_id: string;
    person_id: string | null;
    instrument_id: string;
    score: number | null;
  }[] = [];
  const answers: { municipality_id: string; session_id: string; item_id: string; value: number }[] = [];
  const adultFacts: {
    municipality_id: string;
    measurement_id: string;
    person_id: string;
    unemployment_years: number | null;
    current_status: string;
  }[] = [];
  const childFacts: {
    municipality_id: string;
    measurement_id: string;
    person_id: string;
    school: string;
    school_class: string;
    absence_percent: number;
    leisure_activities: string[];
  }[] = [];

  const answer = (
    measurementId: string,
    familyId: string,
    personId: string | null,
    instrument: Instrument | undefined,
    values: number[],
  ) => {
    if (!instrument || values.length !== instrument.items.length) return;
    const id = uuid(r);
    const scored = scoreAnswers(
      {
        scoring: instrument.scoring,
        scaleMin: instrument.scaleMin,
        scaleMax: instrument.scaleMax,
        items: values.length,
      },
      values,
    );
    sessions.push({
      municipality_id: m,
      id,
      measurement_id: measurementId,
      household_id: familyId,
      person_id: personId,
      instrument_id: instrument.id,
      score: scored.ok ? scored.score : null,
    });
    for (const [k, item] of instrument.items.entries())
      answers.push({ municipality_id: m, session_id: id, item_id: item.id, value: values[k]! });
  };

  data.households.forEach((h, index) => {
    // The baseline is still due: every seventh family, or (the demo) a few of the other teams'.
    const baselineDue = options.cohortBaselined
      ? h.team_id !== data.team.id && index % 3 === 0
      : index % 7 === 3;
    if (baselineDue) return;
    const end = h.exited_on && h.exited_on < day ? h.exited_on : day;
    const pair = data.pairs.find((p) => p.household_id === h.id);
    const recorder = pair?.first_member_id ?? data.users[0]!.id;
    const adults = data.persons.filter((p) => p.household_id === h.id && p.household_role !== 'child');
    const children = data.persons.filter((p) => p.household_id === h.id && p.household_role === 'child');
    const baselineOn = addDays(h.enrolled_on, r.int(0, 10));
    if (baselineOn > end) return;
    const dates: { occasion: 'baseline' | 'follow_up' | 'exit'; on: string }[] = [
      { occasion: 'baseline', on: baselineOn },
    ];
    for (let next = addMonths(baselineOn, 6); next <= end; next = addMonths(next, 6)) {
      const on = addDays(next, r.int(0, 7));
      dates.push({ occasion: 'follow_up', on: on > end ? next : on });
    }
    // Every fifth family still enrolled has missed its latest follow-up: it shows as overdue.
    if (h.status === 'enrolled' && index % 5 === 1 && dates.length > 1) dates.pop();
    if (h.status === 'exited' && h.exited_on && index % 4 !== 2)
      dates.push({ occasion: 'exit', on: h.exited_on });

    const level = new Map(
      adults.map((a) => [a.id, { who5: r.int(1, 3), network: r.int(1, 3), health: r.int(2, 6) }]),
    );
    const status = new Map(adults.map((a) => [a.id, r.pick(START_STATUS)]));
    let staff = r.int(2, 5);
    dates.forEach(({ occasion, on }, step) => {
      const id = uuid(r);
      measurements.push({
        municipality_id: m,
        id,
        household_id: h.id,
        occasion,
        taken_on: on,
        language: r.int(0, 5) === 0 ? 'en' : 'da',
        recorded_by: recorder,
      });
      for (const a of adults) {
        const l = level.get(a.id)!;
        if (step > 0) {
          l.who5 = clamp(l.who5 + r.int(0, 1), 0, 5);
          l.network = clamp(l.network + (r.int(0, 2) === 0 ? 1 : 0), 1, 4);
          l.health = clamp(l.health + r.int(-1, 2), 0, 10);
          if (r.int(0, 2) === 0) status.set(a.id, r.pick(LATER_STATUS));
        }
        answer(id, h.id, a.id, byCode.get('NETWORK'), [l.network]);
        answer(
          id,
          h.id,
          a.id,
          byCode.get('WHO5'),
          Array.from({ length: 5 }, () => clamp(l.who5 + r.int(-1, 1), 0, 5)),
        );
        answer(id, h.id, a.id, byCode.get('HEALTH_SELF_MANAGEMENT'), [l.health]);
        adultFacts.push({
          municipality_id: m,
          measurement_id: id,
          person_id: a.id,
          unemployment_years: occasion === 'baseline' ? r.int(2, 30) / 2 : null,
          current_status: status.get(a.id)!,
        });
      }
      for (const c of children) {
        const age = ageOn(c.birth_date, on);
        if (age < 6 || age > 16) continue; // not in primary school
        childFacts.push({
          municipality_id: m,
          measurement_id: id,
          person_id: c.id,
          school: SCHOOLS[seedOf(c.id) % SCHOOLS.length] ?? SCHOOLS[0]!,
          school_class: age === 6 ? '0.' : `${age - 6}.${'abc'[seedOf(c.id) & 1]}`,
          absence_percent: clamp(r.int(2, 22) - step * 2, 0, 100),
          leisure_activities: r.shuffle([...LEISURE]).slice(0, r.int(0, 2)),
        });
      }
      staff = clamp(staff + (step > 0 ? r.int(0, 2) : 0), 0, 10);
      answer(id, h.id, null, byCode.get('STAFF_WELLBEING'), [staff]);
    });
  });

  await insertChunked(measurements, (c) => trx.insertInto('measurement').values(c).execute());
  await insertChunked(sessions, (c) => trx.insertInto('answer_session').values(c).execute());
  await insertChunked(answers, (c) => trx.insertInto('answer').values(c).execute());
  await insertChunked(adultFacts, (c) => trx.insertInto('adult_facts').values(c).execute());
  await insertChunked(childFacts, (c) => trx.insertInto('child_facts').values(c).execute());
}
