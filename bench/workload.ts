import { generateMunicipality } from '../src/demo/generate';
import { seededRandom } from '../src/demo/random';
import { MEASURED_MUNICIPALITY, municipalityOptions } from './settings';

export type FamilySort = 'reference' | 'address' | 'name' | 'enrolledOn' | 'memberCount' | 'updatedAt';

/** The list page's request body, as the web app sends it. */
export interface ListRequest {
  q?: string;
  sort: FamilySort;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export interface BenchActor {
  username: string;
  userId: string;
  municipalityId: string;
  teamId: string;
  role: 'team_leader' | 'team_member';
}

export interface Workload {
  /** Request i is made by actors[i % 2]: the team leader and a member of several pairs. */
  actors: [BenchActor, BenchActor];
  familyIds: string[];
  listRequests: ListRequest[];
}

const SORTS: FamilySort[] = ['reference', 'address', 'name', 'enrolledOn', 'memberCount', 'updatedAt'];

/**
 * What a team types into the search box: surnames and first names (whole and partial),
 * streets, case references, CPR fragments, and some that match nothing.
 */
const SEARCH_TERMS = [
  'khan',
  'nguyen',
  'haddad',
  'hussein',
  'yılmaz',
  'ahmadi',
  'tesf',
  'kov',
  'ali',
  'sara',
  'mariam',
  'yonas',
  'dortesvej',
  'janesvej 1',
  'karensvej',
  'f-01',
  'f-0042',
  '0101',
  '1990',
  '-12',
  'ab',
  'e',
  'zzz',
  'nobody',
];

/** The measured team's people and families, derived from the generator (no database needed). */
export function buildWorkload(listCount = 96): Workload {
  const data = generateMunicipality(municipalityOptions(MEASURED_MUNICIPALITY));
  const leader = data.users.find((u) => u.role === 'team_leader')!;
  const member = data.users.find((u) => u.username.endsWith('member01'))!;
  const actor = (u: typeof leader): BenchActor => ({
    username: u.username,
    userId: u.id,
    municipalityId: data.municipality.id,
    teamId: data.team.id,
    role: u.role as BenchActor['role'],
  });
  const rng = seededRandom(20261125);
  const fullPages = Math.ceil(data.households.length / 25);
  const listRequests: ListRequest[] = Array.from({ length: listCount }, () => {
    const sort = rng.pick(SORTS);
    const dir = rng.next() < 0.7 ? ('asc' as const) : ('desc' as const);
    // A third browse the whole list (any page); the rest search, mostly on page 1.
    if (rng.next() < 1 / 3) return { sort, dir, page: rng.int(1, fullPages), pageSize: 25 };
    return { q: rng.pick(SEARCH_TERMS), sort, dir, page: rng.next() < 0.8 ? 1 : 2, pageSize: 25 };
  });
  return {
    actors: [actor(leader), actor(member)],
    familyIds: rng.shuffle(data.households.map((h) => h.id)),
    listRequests,
  };
}
