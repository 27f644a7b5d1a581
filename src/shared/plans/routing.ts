import {
  DEFAULT_PROPOSALS,
  type RoutingFinding,
  type RoutingNote,
  type RoutingOptions,
  type RoutingProposal,
  type RoutingReason,
  type RoutingResult,
  type RoutingStaff,
  type RoutingTask,
  type TaskLevel,
} from './routing.contract';

/*
 * The level routing rule (DESIGN.md §2, issue 14 point 4; the rule in words: decision 0035).
 * Pure, total and deterministic: no clock, no randomness, and the staff list's order does not
 * matter — the same team and task give the same proposals on the server, in the web app and in
 * the property tests (test/unit/plans/routing.test.ts).
 */

/** A person's level in a domain; 0 when they have none (own keys only: a domain id is data). */
function levelIn(person: RoutingStaff, domainId: string): number {
  return Object.hasOwn(person.competences, domainId) ? (person.competences[domainId] ?? 0) : 0;
}

const available = (person: RoutingStaff) => person.active && !person.absent;

/** Code-unit order, not the locale's: ids must sort the same on every machine. */
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Routes a task: level 1 stays with the pair; level 2 keeps it with the pair and proposes
 * advisers; level 3 proposes specialists to take it over. The pair is always responsible.
 */
export function routeTask(
  task: RoutingTask,
  staff: readonly RoutingStaff[],
  options: RoutingOptions = {},
): RoutingResult {
  const level = task.level;
  const limit = options.proposals ?? DEFAULT_PROPOSALS;
  const pair = new Set(task.pair);
  const authority = task.authorityDepartmentId ?? null;

  const notes: RoutingNote[] = task.pair
    .filter((pairId) => !staff.some((s) => s.id === pairId && available(s)))
    .map((staffId) => ({ code: 'pairMemberUnavailable', staffId }));
  const base: Pick<RoutingResult, 'level' | 'handling' | 'responsible' | 'notes'> = {
    level,
    handling: level === 1 ? 'pair' : level === 2 ? 'pairWithAdvice' : 'specialist',
    responsible: [...task.pair],
    notes,
  };
  if (level === 1) return { ...base, proposals: [], finding: { code: 'anyoneOnTeam' } };

  const skilled = staff.filter((s) => levelIn(s, task.domainId) >= level);
  const qualified = skilled.filter(available);
  const about = { domainId: task.domainId, level };
  if (qualified.length === 0) {
    const finding: RoutingFinding =
      skilled.length === 0
        ? { code: 'noneQualified', ...about }
        : { code: 'noneAvailable', ...about, unavailable: skilled.map((s) => s.id).sort(byId) };
    return { ...base, proposals: [], finding };
  }

  // A pair member with the level brings the specialist knowledge themselves: the family keeps
  // its single entrance (principle 3), and nobody else is asked.
  const fromPair = qualified.filter((s) => pair.has(s.id));
  const pool = fromPair.length > 0 ? fromPair : qualified;
  const fromAuthority = (s: RoutingStaff) => authority !== null && s.homeDepartmentId === authority;
  const ordered = [...pool].sort(
    (a, b) =>
      a.openTasks - b.openTasks ||
      a.families - b.families ||
      Number(fromAuthority(b)) - Number(fromAuthority(a)) ||
      levelIn(b, task.domainId) - levelIn(a, task.domainId) ||
      byId(a.id, b.id),
  );

  const proposals = ordered.slice(0, Math.max(0, limit)).map(
    (s): RoutingProposal => ({
      staffId: s.id,
      role: level === 2 ? 'adviser' : 'specialist',
      reasons: reasonsFor(s, task.domainId, pair.has(s.id), fromAuthority(s) ? authority : null),
    }),
  );
  return {
    ...base,
    proposals,
    finding: { code: fromPair.length > 0 ? 'pairHasSpecialist' : 'proposed', ...about },
  };
}

function reasonsFor(
  s: RoutingStaff,
  domainId: string,
  inPair: boolean,
  authorityDepartmentId: string | null,
): RoutingReason[] {
  const reasons: RoutingReason[] = [];
  if (inPair) reasons.push({ code: 'pairMember' });
  reasons.push({ code: 'competence', domainId, level: levelIn(s, domainId) as TaskLevel });
  if (authorityDepartmentId !== null)
    reasons.push({ code: 'homeDepartment', departmentId: authorityDepartmentId });
  reasons.push({ code: 'load', openTasks: s.openTasks, families: s.families });
  return reasons;
}

/** Names of the data the texts mention; the web app has them from the team area. */
export interface RoutingNames {
  domain: (domainId: string) => string;
  department: (departmentId: string) => string;
}

export type RoutingItem = RoutingReason | RoutingFinding | RoutingNote | { code: RoutingResult['handling'] };

/**
 * The i18n key (plans/i18n.*.ts) and interpolation values of a handling, finding, note or
 * reason, so the web app shows the rule's "why" in the user's language.
 */
export function routingMessage(
  item: RoutingItem,
  names: RoutingNames,
): { key: string; values: Record<string, string | number> } {
  switch (item.code) {
    case 'pair':
    case 'pairWithAdvice':
    case 'specialist':
      return { key: `routing.handling.${item.code}`, values: {} };
    case 'anyoneOnTeam':
      return { key: 'routing.finding.anyoneOnTeam', values: {} };
    case 'pairHasSpecialist':
    case 'proposed':
    case 'noneQualified':
      return {
        key: `routing.finding.${item.code}`,
        values: { domain: names.domain(item.domainId), level: item.level },
      };
    case 'noneAvailable':
      return {
        key: 'routing.finding.noneAvailable',
        values: { domain: names.domain(item.domainId), level: item.level, count: item.unavailable.length },
      };
    case 'pairMemberUnavailable':
      return { key: 'routing.note.pairMemberUnavailable', values: {} };
    case 'pairMember':
      return { key: 'routing.reason.pairMember', values: {} };
    case 'competence':
      return {
        key: 'routing.reason.competence',
        values: { domain: names.domain(item.domainId), level: item.level },
      };
    case 'homeDepartment':
      return {
        key: 'routing.reason.homeDepartment',
        values: { department: names.department(item.departmentId) },
      };
    case 'load':
      return { key: 'routing.reason.load', values: { openTasks: item.openTasks, families: item.families } };
  }
}
