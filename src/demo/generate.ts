import { type CountryCode, countries, countryCodes, staffFirst, staffLast, streets } from './names';
import { type Random, seededRandom } from './random';

/**
 * Deterministic demo data: a municipality with one area like Gellerup, a team of ten from
 * five departments plus a leader, and enrolled families. At the default size it matches the
 * seed documents (62 families, 97 adults, 188 children, 1–7 children each, 12 countries);
 * the same generator scales to any size for the benchmarks.
 */
export interface GenerateOptions {
  seed: number;
  name: string;
  /** Username prefix, so several generated municipalities can share an installation. */
  usernamePrefix: string;
  families: number;
  adults: number;
  children: number;
  /** The day the data is generated for ("today"); birth dates and enrolments are before it. */
  today: string;
  /**
   * The demo's families beyond the enrolled cohort, so every filter of the family list finds
   * something: `exited` families of the first area, and `perOtherArea` enrolled families in
   * each other area with a small team of its own (a leader and two members). Generated from a
   * random stream of their own, after the cohort, so the cohort is the same with or without them.
   */
  extras?: { exited: number; perOtherArea: number };
}

export const DEPARTMENTS = [
  'employment',
  'social_family',
  'children_youth',
  'health',
  'culture_leisure',
] as const;

export const DOMAINS = [
  'employment',
  'benefits_economy',
  'debt',
  'children_family',
  'school_education',
  'health_mental_health',
  'housing',
  'language_education',
  'leisure_network',
] as const;

/**
 * The levels a staff member of each department has (a plausible team: the specialist of the
 * department's own field at 3, neighbouring fields lower). The second of a department is one
 * level lower in its main field, so the team has one level-3 specialist per field.
 */
const DEPARTMENT_LEVELS: Record<
  (typeof DEPARTMENTS)[number],
  Partial<Record<(typeof DOMAINS)[number], number>>
> = {
  employment: { employment: 3, benefits_economy: 2, language_education: 1 },
  social_family: { children_family: 3, benefits_economy: 2, housing: 2, debt: 1 },
  children_youth: { school_education: 3, children_family: 2, leisure_network: 1 },
  health: { health_mental_health: 3, debt: 2, housing: 1 },
  culture_leisure: { leisure_network: 3, language_education: 2, employment: 1 },
};

export const demoDefaults: GenerateOptions = {
  seed: 62,
  name: 'Aarhus Kommune (demo)',
  usernamePrefix: '',
  families: 62,
  adults: 97,
  children: 188,
  today: '2026-11-25',
  extras: { exited: 8, perOtherArea: 5 },
};

/** The other areas' streets and postal code (Bispehaven and Hasle, Aarhus V). */
const otherAreaStreets: Record<string, readonly string[]> = {
  Bispehaven: ['Bispehavevej', 'Rymarksvej'],
  Hasle: ['Herredsvej', 'Hasle Ringvej', 'Bispehavevej'],
};

const noContact = { phone: null, email: null, preferred_contact: null, contact_language: null } as const;

function uuid(rng: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng.next() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const DAY_MS = 86_400_000;
const toDay = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const fromDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
function addDays(date: string, days: number): string {
  return fromDay(toDay(date) + days);
}

/*
 * Family shape, in days (a calendar year has at least 365). Bounds are chosen so that whole-year
 * ages land where they should whatever the leap years: a child under 18 today, parents 18–45 at
 * every birth, siblings about ten months apart unless twins.
 */
const MAX_CHILD_AGE = 18 * 365 - 1;
const MIN_SIBLING_GAP = 305;
/** The widest gap between siblings; narrowed when many children must fit in 18 years. */
const MAX_SIBLING_GAP = 4 * 365;
const MIN_PARENT_AGE_AT_BIRTH = 18 * 366;
/** Under 46 years, so at most 45 in whole years. */
const MAX_PARENT_AGE_AT_BIRTH = 46 * 365 - 1;
/** Roughly the Danish rate of twin births (~1.6 %), a little higher so the demo shows some. */
const TWIN_SHARE = 0.03;

type Sex = 'male' | 'female';

/**
 * A CPR number for a birth date. The 7th digit is the century the register implies (0–3 for
 * 1900–1999, 4 for 2000–2036), the last digit's parity the sex (odd for men); the serials
 * already given per birth date keep the numbers unique within the municipality.
 */
function cprFor(birthDate: string, sex: Sex, rng: Random, taken: Map<string, Set<string>>): string {
  const [y, m, d] = birthDate.split('-') as [string, string, string];
  const used = taken.get(birthDate) ?? new Set<string>();
  taken.set(birthDate, used);
  // The CPR register's 7th digit: 0–3 for 1900–1999, 4 for 2000–2036, 5–8 for 2037–2057.
  const year = Number(y);
  const century = year >= 2037 ? rng.int(5, 8) : year >= 2000 ? 4 : rng.int(0, 3);
  let serial: string;
  do serial = `${century}${pad(rng.int(0, 99))}${rng.int(0, 4) * 2 + (sex === 'male' ? 1 : 0)}`;
  while (used.has(serial));
  used.add(serial);
  return `${d}${m}${y.slice(2)}-${serial}`;
}

/**
 * Children's birth days (day numbers), oldest first, and the span from oldest to youngest.
 * Twins share a birth day; other siblings are spaced so all of them are still under 18.
 */
function childBirths(rng: Random, count: number, today: number) {
  const gaps: number[] = [];
  for (let c = 1; c < count; c++) {
    // No triplets: a twin's next sibling is always a new birth.
    const twin = gaps[gaps.length - 1] !== 0 && rng.next() < TWIN_SHARE;
    gaps.push(twin ? 0 : -1);
  }
  const births = gaps.filter((g) => g !== 0).length;
  const widest = births === 0 ? 0 : Math.min(MAX_SIBLING_GAP, Math.floor(MAX_CHILD_AGE / births));
  const spaced = gaps.map((g) => (g === 0 ? 0 : rng.int(MIN_SIBLING_GAP, widest)));
  const span = spaced.reduce((a, b) => a + b, 0);
  const youngestAge = rng.int(0, MAX_CHILD_AGE - span);
  const first = today - youngestAge - span;
  const days = count === 0 ? [] : [first];
  for (const gap of spaced) days.push((days[days.length - 1] as number) + gap);
  // `first` also anchors the parents' ages when there are no children.
  return { days, span, first };
}

/** One first name per person of the given sexes, from the household's country, none used twice. */
function distinctNames(rng: Random, country: (typeof countries)[CountryCode], sexes: Sex[]): string[] {
  const left = { male: rng.shuffle([...country.male]), female: rng.shuffle([...country.female]) };
  return sexes.map((sex) => left[sex].pop() as string);
}

/**
 * Splits `total` into `parts` whole numbers within [min, max], every value in range used. Below
 * `min × parts`, every part stays at `min` (a test's two families over three areas get one each).
 */
function spread(rng: Random, parts: number, total: number, min: number, max: number): number[] {
  // Above every part's max it would never end (the loop below looks for a part still below max).
  if (total > max * parts) throw new Error(`cannot spread ${total} over ${parts} parts of at most ${max}`);
  const values = Array.from({ length: parts }, () => min);
  let left = total - min * parts;
  if (parts > 1 && left >= max - min) {
    values[0] = max; // the seeds' range: some family has the most children
    left -= max - min;
  }
  while (left > 0) {
    // The first part is left alone when it was given the most; a single part is the only one.
    const i = parts === 1 ? 0 : rng.int(1, parts - 1);
    if ((values[i] as number) < max) {
      values[i] = (values[i] as number) + 1;
      left--;
    }
  }
  return rng.shuffle(values);
}

export function generateMunicipality(options: GenerateOptions) {
  const rng = seededRandom(options.seed);
  const municipalityId = uuid(rng);
  const areaNames = ['Gellerup', 'Bispehaven', 'Hasle'];
  const areas = areaNames.map((name) => ({ municipality_id: municipalityId, id: uuid(rng), name }));
  const area = areas[0]!;
  const departments = DEPARTMENTS.map((code) => ({ municipality_id: municipalityId, id: uuid(rng), code }));
  const team = {
    municipality_id: municipalityId,
    id: uuid(rng),
    area_id: area.id,
    name: `Opgang til Opgang ${area.name}`,
  };
  const p = options.usernamePrefix;

  const users: {
    municipality_id: string;
    id: string;
    username: string;
    display_name: string;
    role: 'team_member' | 'team_leader' | 'analyst' | 'administrator';
    team_id: string | null;
    department_id: string | null;
  }[] = [];
  const staffName = (i: number) =>
    `${staffFirst[i % staffFirst.length]} ${staffLast[(i * 3) % staffLast.length]}`;
  users.push({
    municipality_id: municipalityId,
    id: uuid(rng),
    username: `${p}leader`,
    display_name: staffName(0),
    role: 'team_leader',
    team_id: team.id,
    department_id: departments[1]!.id,
  });
  for (let i = 1; i <= 10; i++) {
    users.push({
      municipality_id: municipalityId,
      id: uuid(rng),
      username: `${p}member${pad(i)}`,
      display_name: staffName(i),
      role: 'team_member',
      team_id: team.id,
      // Two from each of the five departments.
      department_id: departments[(i - 1) % 5]!.id,
    });
  }
  users.push({
    municipality_id: municipalityId,
    id: uuid(rng),
    username: `${p}analyst`,
    display_name: staffName(11),
    role: 'analyst',
    team_id: null,
    department_id: null,
  });
  users.push({
    municipality_id: municipalityId,
    id: uuid(rng),
    username: `${p}admin`,
    display_name: staffName(12),
    role: 'administrator',
    team_id: null,
    department_id: null,
  });
  const members = users.filter((u) => u.role === 'team_member');
  const leader = users[0]!;

  const twoAdults = options.adults - options.families;
  const adultsPer = rng.shuffle(Array.from({ length: options.families }, (_, i) => (i < twoAdults ? 2 : 1)));
  const childrenPer = spread(rng, options.families, options.children, 1, 7);
  const countryOf = rng.shuffle(
    Array.from({ length: options.families }, (_, i) => countryCodes[i % countryCodes.length] as CountryCode),
  );

  const households: GeneratedHousehold[] = [];
  const persons: GeneratedPerson[] = [];
  const pairs: GeneratedPair[] = [];
  const consents: GeneratedConsent[] = [];
  const cprsPerDate = new Map<string, Set<string>>();
  const today = toDay(options.today);
  interface Place {
    area: (typeof areas)[number];
    team: typeof team;
    streets: readonly string[];
    postalCode: string;
    staff: typeof members;
    leader: (typeof users)[number];
  }
  const gellerup: Place = { area, team, streets, postalCode: '8220', staff: members, leader };
  /** One family: the same draws in the same order for the cohort as before the extras came. */
  function addFamily(
    rng: Random,
    f: number,
    place: Place,
    family: { countryCode: CountryCode; adults: number; children: number },
  ) {
    const id = uuid(rng);
    const country = countries[family.countryCode];
    const lastName = rng.pick(country.last);
    const enrolledOn = addDays(options.today, -rng.int(30, 4 * 365));
    const interpreter = rng.next() < 0.4;
    households.push({
      municipality_id: municipalityId,
      id,
      team_id: place.team.id,
      area_id: place.area.id,
      reference: `F-${pad(f + 1, 4)}`,
      street: rng.pick(place.streets),
      building_number: String(rng.int(1, 40)),
      entrance: rng.pick(['A', 'B', 'C', 'D', null]),
      floor: String(rng.int(0, 7)),
      door: rng.pick(['tv', 'th', 'mf']),
      postal_code: place.postalCode,
      status: 'enrolled' as 'enrolled' | 'exited',
      exited_on: null as string | null,
      enrolled_on: enrolledOn,
      search_text: '',
      sort_name: '',
      updated_at: new Date(`${enrolledOn}T12:00:00Z`),
    });
    const kids = childBirths(rng, family.children, today);
    // Parents' ages at the oldest child's birth: any that keeps them 18–45 through the youngest's.
    const latest = MAX_PARENT_AGE_AT_BIRTH - kids.span;
    const mother = rng.int(MIN_PARENT_AGE_AT_BIRTH, latest);
    const father = Math.min(latest, Math.max(MIN_PARENT_AGE_AT_BIRTH, mother + rng.int(-2 * 365, 8 * 365)));
    const adultCount = family.adults;
    // Couples are a mother and a father; most single parents in Denmark are mothers.
    const adultSexes: Sex[] = adultCount === 2 ? ['female', 'male'] : [rng.next() < 0.85 ? 'female' : 'male'];
    const childSexes: Sex[] = kids.days.map(() => (rng.next() < 0.5 ? 'female' : 'male'));
    const names = distinctNames(rng, country, [...adultSexes, ...childSexes]);
    for (let a = 0; a < adultCount; a++) {
      const sex = adultSexes[a] as Sex;
      const birth = fromDay(kids.first - (sex === 'female' ? mother : father));
      persons.push({
        municipality_id: municipalityId,
        id: uuid(rng),
        household_id: id,
        first_name: names[a] as string,
        last_name: lastName,
        cpr: cprFor(birth, sex, rng, cprsPerDate),
        birth_date: birth,
        household_role: 'parent' as const,
        country_of_origin: family.countryCode,
        languages: [...country.languages, ...(rng.next() < 0.5 ? ['da'] : [])],
        interpreter_needed: interpreter && a === 0,
        ...noContact,
        updated_at: new Date(`${enrolledOn}T12:00:00Z`),
      });
    }
    for (let c = 0; c < kids.days.length; c++) {
      const sex = childSexes[c] as Sex;
      const birth = fromDay(kids.days[c] as number);
      persons.push({
        municipality_id: municipalityId,
        id: uuid(rng),
        household_id: id,
        first_name: names[adultCount + c] as string,
        last_name: lastName,
        cpr: cprFor(birth, sex, rng, cprsPerDate),
        birth_date: birth,
        household_role: 'child' as const,
        country_of_origin: rng.next() < 0.7 ? 'DK' : family.countryCode,
        languages: ['da', ...country.languages],
        interpreter_needed: false,
        ...noContact,
        updated_at: new Date(`${enrolledOn}T12:00:00Z`),
      });
    }
    const [a, b] = rng.shuffle([...place.staff]).slice(0, 2) as [(typeof members)[0], (typeof members)[0]];
    pairs.push({
      municipality_id: municipalityId,
      id: uuid(rng),
      household_id: id,
      first_member_id: a.id,
      second_member_id: b.id,
      assigned_by: place.leader.id,
      assigned_at: new Date(`${enrolledOn}T12:00:00Z`),
    });
    for (const purpose of ['case_work', 'cross_department_sharing'] as const) {
      consents.push({
        municipality_id: municipalityId,
        id: uuid(rng),
        household_id: id,
        person_id: null,
        purpose,
        scope: null,
        given_on: enrolledOn,
        recorded_by: a.id,
      });
    }
    return households[households.length - 1]!;
  }
  for (let f = 0; f < options.families; f++) {
    addFamily(rng, f, gellerup, {
      countryCode: countryOf[f]!,
      adults: adultsPer[f] as number,
      children: childrenPer[f] as number,
    });
  }
  const extras = options.extras ? addExtras(options.extras) : { otherTeams: [], events: [] };

  /** The demo's exited families and other areas' teams and families, from their own stream. */
  function addExtras(extra: NonNullable<GenerateOptions['extras']>) {
    const xr = seededRandom(options.seed * 7919 + 1);
    const otherTeams: (typeof team)[] = [];
    const events: LaterChange[] = [];
    const newFamily = (place: Place) =>
      addFamily(xr, households.length, place, {
        countryCode: xr.pick(countryCodes) as CountryCode,
        adults: xr.int(1, 2),
        children: xr.int(1, 4),
      });
    for (let i = 0; i < extra.exited; i++) {
      const h = newFamily(gellerup);
      // Left after half a year or more, at least a week ago: the leader recorded the exit.
      const enrolled = toDay(h.enrolled_on);
      if (today - 7 - enrolled < 180) h.enrolled_on = fromDay(today - 7 - xr.int(180, 3 * 365));
      const exitedOn = fromDay(xr.int(toDay(h.enrolled_on) + 180, today - 7));
      h.status = 'exited';
      h.exited_on = exitedOn;
      const at = new Date(`${exitedOn}T13:00:00Z`);
      h.updated_at = at;
      for (const row of [...persons, ...pairs].filter((r) => r.household_id === h.id)) {
        if ('updated_at' in row) row.updated_at = new Date(`${h.enrolled_on}T12:00:00Z`);
        if ('assigned_at' in row) row.assigned_at = new Date(`${h.enrolled_on}T12:00:00Z`);
      }
      for (const c of consents.filter((c) => c.household_id === h.id)) c.given_on = h.enrolled_on;
      events.push({
        household_id: h.id,
        entity: 'household',
        entity_id: h.id,
        changed_by: gellerup.leader.id,
        at,
        changes: [
          { field: 'status', from: 'enrolled', to: 'exited' },
          { field: 'exitedOn', from: null, to: exitedOn },
        ],
      });
    }
    for (const otherArea of areas.slice(1)) {
      const otherTeam = {
        municipality_id: municipalityId,
        id: uuid(xr),
        area_id: otherArea.id,
        name: `Opgang til Opgang ${otherArea.name}`,
      };
      otherTeams.push(otherTeam);
      const slug = otherArea.name.toLowerCase();
      const staffOf = (role: 'team_leader' | 'team_member', username: string, n: number) => ({
        municipality_id: municipalityId,
        id: uuid(xr),
        username: `${p}${slug}.${username}`,
        display_name: staffName(13 + users.length + n),
        role,
        team_id: otherTeam.id,
        department_id: departments[(users.length + n) % 5]!.id,
      });
      const otherLeader = staffOf('team_leader', 'leader', 0);
      users.push(otherLeader);
      const otherStaff = [staffOf('team_member', 'member1', 1), staffOf('team_member', 'member2', 2)];
      users.push(...otherStaff);
      const place: Place = {
        area: otherArea,
        team: otherTeam,
        streets: otherAreaStreets[otherArea.name] ?? streets,
        postalCode: '8210',
        staff: otherStaff,
        leader: otherLeader,
      };
      for (let i = 0; i < extra.perOtherArea; i++) newFamily(place);
    }
    addContactDetails(xr, events);
    return { otherTeams, events };
  }

  /**
   * Contact details for every adult: most given at enrolment, some added by the pair in the
   * last months (an update in the history, so a period's history has something to show).
   */
  function addContactDetails(xr: Random, events: LaterChange[]) {
    const byId = new Map(households.map((h) => [h.id, h]));
    const pairOf = new Map(pairs.map((p) => [p.household_id, p]));
    for (const person of persons) {
      if (person.household_role === 'child') continue;
      const h = byId.get(person.household_id)!;
      const local = `${xr.int(2, 9)}${xr.int(0, 9)} ${pad(xr.int(0, 99))} ${pad(xr.int(0, 99))} ${pad(xr.int(0, 99))}`;
      const phone = xr.next() < 0.9 ? (xr.next() < 0.3 ? `+45 ${local}` : local) : null;
      const slug = (name: string) =>
        name
          .normalize('NFD')
          .replace(/[^A-Za-z]/g, '')
          .toLowerCase();
      const email =
        xr.next() < 0.5
          ? `${slug(person.first_name)}.${slug(person.last_name)}${xr.int(1, 99)}@example.dk`
          : null;
      const ways = [
        'letter',
        'in_person',
        ...(phone ? ['sms', 'sms', 'phone'] : []),
        ...(email ? ['email'] : []),
      ];
      const details = {
        phone,
        email,
        preferred_contact: xr.pick(ways) as GeneratedPerson['preferred_contact'],
        contact_language:
          person.languages.includes('da') && xr.next() < 0.5 ? 'da' : (person.languages[0] ?? 'da'),
      };
      Object.assign(person, details);
      const sinceEnrolment = today - toDay(h.enrolled_on);
      if (h.status === 'exited' || sinceEnrolment < 3 || xr.next() < 0.6) continue;
      const at = new Date(`${fromDay(today - xr.int(1, Math.min(150, sinceEnrolment - 1)))}T10:30:00Z`);
      person.updated_at = at;
      const pair = pairOf.get(h.id)!;
      events.push({
        household_id: h.id,
        entity: 'person',
        entity_id: person.id,
        changed_by: xr.next() < 0.5 ? pair.first_member_id : pair.second_member_id,
        at,
        changes: (
          [
            ['phone', details.phone],
            ['email', details.email],
            ['preferredContact', details.preferred_contact],
            ['contactLanguage', details.contact_language],
          ] as const
        )
          .filter(([, to]) => to !== null)
          .map(([field, to]) => ({ field, from: null, to })),
      });
    }
  }

  // Domains and levels from their own random stream, so adding them moved no other demo value.
  const dr = seededRandom(options.seed * 104729 + 3);
  const departmentPositions = departments.map((d, i) => ({ ...d, position: i + 1 }));
  const domains = DOMAINS.map((code, i) => ({
    municipality_id: municipalityId,
    id: uuid(dr),
    code,
    position: i + 1,
  }));
  const domainId = new Map(domains.map((d) => [d.code, d.id]));
  const seenInDepartment = new Map<string, number>();
  const staffCompetences = users.flatMap((u) => {
    const department = departments.find((d) => d.id === u.department_id);
    if (!department || u.team_id === null) return [];
    const nth = seenInDepartment.get(`${u.team_id}:${department.id}`) ?? 0;
    seenInDepartment.set(`${u.team_id}:${department.id}`, nth + 1);
    return Object.entries(DEPARTMENT_LEVELS[department.code]).map(([code, level], i) => ({
      municipality_id: municipalityId,
      user_id: u.id,
      domain_id: domainId.get(code as (typeof DOMAINS)[number])!,
      level: i === 0 && nth % 2 === 1 ? level - 1 : level,
    }));
  });

  return {
    municipality: { id: municipalityId, name: options.name },
    areas,
    departments: departmentPositions,
    domains,
    staffCompetences,
    team,
    /** The other areas' teams (the demo's extras; none otherwise). */
    otherTeams: extras.otherTeams,
    users,
    households,
    persons,
    pairs,
    consents,
    /** Changes after enrolment, for the history (src/demo/history.ts). */
    events: extras.events,
  };
}

interface GeneratedHousehold {
  municipality_id: string;
  id: string;
  team_id: string;
  area_id: string;
  reference: string;
  street: string;
  building_number: string;
  entrance: string | null;
  floor: string;
  door: string;
  postal_code: string;
  status: 'enrolled' | 'exited';
  exited_on: string | null;
  enrolled_on: string;
  search_text: string;
  sort_name: string;
  updated_at: Date;
}
interface GeneratedPerson {
  municipality_id: string;
  id: string;
  household_id: string;
  first_name: string;
  last_name: string;
  cpr: string;
  birth_date: string;
  household_role: 'parent' | 'child';
  country_of_origin: string;
  languages: string[];
  interpreter_needed: boolean;
  phone: string | null;
  email: string | null;
  preferred_contact: 'phone' | 'sms' | 'email' | 'letter' | 'in_person' | null;
  contact_language: string | null;
  updated_at: Date;
}
interface GeneratedPair {
  municipality_id: string;
  id: string;
  household_id: string;
  first_member_id: string;
  second_member_id: string;
  assigned_by: string;
  assigned_at: Date;
}
interface GeneratedConsent {
  municipality_id: string;
  id: string;
  household_id: string;
  person_id: string | null;
  purpose: 'case_work' | 'cross_department_sharing';
  scope: string | null;
  given_on: string;
  recorded_by: string;
}

/** A change made after enrolment: written to the history as an update, the record's create before it. */
export interface LaterChange {
  household_id: string;
  entity: 'household' | 'person';
  entity_id: string;
  changed_by: string;
  at: Date;
  changes: { field: string; from: unknown; to: unknown }[];
}
export type GeneratedMunicipality = ReturnType<typeof generateMunicipality>;
