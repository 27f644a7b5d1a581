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
}

export const DEPARTMENTS = [
  'employment',
  'social_family',
  'children_youth',
  'health',
  'culture_leisure',
] as const;

export const demoDefaults: GenerateOptions = {
  seed: 62,
  name: 'Aarhus Kommune (demo)',
  usernamePrefix: '',
  families: 62,
  adults: 97,
  children: 188,
  today: '2026-11-25',
};

function uuid(rng: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng.next() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
function cprFor(birthDate: string, serial: number): string {
  const [y, m, d] = birthDate.split('-') as [string, string, string];
  return `${d}${m}${y.slice(2)}-${pad(serial % 10000, 4)}`;
}

/** Splits `total` into `parts` whole numbers within [min, max], every value in range used. */
function spread(rng: Random, parts: number, total: number, min: number, max: number): number[] {
  const values = Array.from({ length: parts }, () => min);
  let left = total - min * parts;
  if (parts > 1 && left >= max - min) {
    values[0] = max; // the seeds' range: some family has the most children
    left -= max - min;
  }
  while (left > 0) {
    const i = rng.int(1, parts - 1);
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

  const households = [];
  const persons = [];
  const pairs = [];
  const consents = [];
  let serial = 1000;
  for (let f = 0; f < options.families; f++) {
    const id = uuid(rng);
    const country = countries[countryOf[f]!];
    const lastName = rng.pick(country.last);
    const enrolledOn = addDays(options.today, -rng.int(30, 4 * 365));
    const interpreter = rng.next() < 0.4;
    households.push({
      municipality_id: municipalityId,
      id,
      team_id: team.id,
      area_id: area.id,
      reference: `F-${pad(f + 1, 4)}`,
      street: rng.pick(streets),
      building_number: String(rng.int(1, 40)),
      entrance: rng.pick(['A', 'B', 'C', 'D', null]),
      floor: String(rng.int(0, 7)),
      door: rng.pick(['tv', 'th', 'mf']),
      postal_code: '8220',
      enrolled_on: enrolledOn,
      search_text: '',
      sort_name: '',
      updated_at: new Date(`${enrolledOn}T12:00:00Z`),
    });
    const adultAges = [rng.int(28, 55), rng.int(28, 55)];
    for (let a = 0; a < (adultsPer[f] as number); a++) {
      const birth = `${Number(options.today.slice(0, 4)) - (adultAges[a] as number)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`;
      persons.push({
        municipality_id: municipalityId,
        id: uuid(rng),
        household_id: id,
        first_name: rng.pick(country.first),
        last_name: lastName,
        cpr: cprFor(birth, serial++),
        birth_date: birth,
        household_role: 'parent' as const,
        country_of_origin: countryOf[f]!,
        languages: [...country.languages, ...(rng.next() < 0.5 ? ['da'] : [])],
        interpreter_needed: interpreter && a === 0,
        updated_at: new Date(`${enrolledOn}T12:00:00Z`),
      });
    }
    for (let c = 0; c < (childrenPer[f] as number); c++) {
      const birth = `${Number(options.today.slice(0, 4)) - rng.int(0, 17)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`;
      persons.push({
        municipality_id: municipalityId,
        id: uuid(rng),
        household_id: id,
        first_name: rng.pick(country.first),
        last_name: lastName,
        cpr: birth <= options.today ? cprFor(birth, serial++) : null,
        birth_date: birth > options.today ? options.today : birth,
        household_role: 'child' as const,
        country_of_origin: rng.next() < 0.7 ? 'DK' : countryOf[f]!,
        languages: ['da', ...country.languages],
        interpreter_needed: false,
        updated_at: new Date(`${enrolledOn}T12:00:00Z`),
      });
    }
    const [a, b] = rng.shuffle([...members]).slice(0, 2) as [(typeof members)[0], (typeof members)[0]];
    pairs.push({
      municipality_id: municipalityId,
      id: uuid(rng),
      household_id: id,
      first_member_id: a.id,
      second_member_id: b.id,
      assigned_by: leader.id,
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
  }

  return {
    municipality: { id: municipalityId, name: options.name },
    areas,
    departments,
    team,
    users,
    households,
    persons,
    pairs,
    consents,
  };
}
export type GeneratedMunicipality = ReturnType<typeof generateMunicipality>;
