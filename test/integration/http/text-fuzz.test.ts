import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import type { GeneratedMunicipality } from '../../../src/demo/generate';
import type { FamilyDetail } from '../../../src/shared/families/families.contract';
import {
  addNotes,
  addProspect,
  addTeam,
  addUser,
  buildFamily,
  buildMember,
  staffOf,
} from '../../support/factories';
import { type Client, describeEachDatabase } from '../../support/harness';

/**
 * Issue 12: every string a write route takes — found in the OpenAPI document, so a new route or
 * field is covered without a line here — is sent a lone surrogate, a bidi override and a
 * zero-width space. The answer is never a 5xx; it is a 400 naming the field, or a 2xx that stored
 * the value safely: well-formed (no lone surrogate, no U+FFFD put in its place) and, in a name,
 * address or other single-line text, with no bidi control or invisible character. Free text
 * (marked `x-text: free` in the document) may keep a bidi control: the web app isolates it.
 * String path and query parameters of every route get the same characters, percent-encoded.
 */

type Schema = {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  'x-text'?: string;
};
type Operation = {
  parameters?: { in: string; name: string; schema: Schema }[];
  requestBody?: { content?: Record<string, { schema: Schema }> };
};
type Path = (string | number)[];

const BAD = {
  loneSurrogate: '\ud800',
  bidiOverride: '\u202e',
  zeroWidthSpace: '\u200b',
} as const;
type BadKind = keyof typeof BAD;
/** The same characters in a URL: UTF-8 (WTF-8 for the surrogate, which UTF-8 cannot encode). */
const BAD_IN_URL: Record<BadKind, string> = {
  loneSurrogate: '%ED%A0%80',
  bidiOverride: '%E2%80%AE',
  zeroWidthSpace: '%E2%80%8B',
};

/**
 * Routes or fields whose answer to a bad value is, rightly, neither a 2xx nor a 400 naming the
 * field — each with why. Anything else not exercised fails the test.
 */
const HALF_SIGNED_IN =
  'answered 401 by the gate for a fully signed-in session (the route is for one between password and second factor, sign-in.test.ts)';
const NOT_EXERCISED: Record<string, string> = {
  'POST /api/auth/totp recoveryCode loneSurrogate': HALF_SIGNED_IN,
  'POST /api/auth/totp recoveryCode bidiOverride': HALF_SIGNED_IN,
  'POST /api/auth/totp recoveryCode zeroWidthSpace': HALF_SIGNED_IN,
  'POST /api/auth/login password bidiOverride':
    'a password may hold any well-formed character; a wrong one is a normal 401',
  'POST /api/auth/login password zeroWidthSpace':
    'a password may hold any well-formed character; a wrong one is a normal 401',
};

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];

function isStringSchema(s: Schema): boolean {
  return s.type === 'string' || (s.anyOf ?? []).some(isStringSchema);
}

/** Every string leaf of a body schema, with its path (array items as index 0). */
function stringLeaves(schema: Schema, path: Path = []): { path: Path; schema: Schema }[] {
  if (schema.type === 'object' && schema.properties)
    return Object.entries(schema.properties).flatMap(([k, s]) => stringLeaves(s, [...path, k]));
  if (schema.type === 'array' && schema.items) return stringLeaves(schema.items, [...path, 0]);
  if (schema.anyOf) {
    const options = schema.anyOf.filter((o) => !(o.enum && o.enum.length === 1 && o.enum[0] === ''));
    const leaves = options.flatMap((o) => stringLeaves(o, path));
    return leaves.length ? [leaves[0]!] : [];
  }
  if (schema.type === 'string') return [{ path, schema }];
  return [];
}

/** A string a person types freely: no format, enum or pattern bounds what it may hold. */
const isTyped = (s: Schema) => s.type === 'string' && !s.format && !s.enum && !s.pattern;

interface Context {
  values: Record<string, (path: string) => unknown>;
}

/** A valid-looking value for a schema: the context's for known names, else from the schema. */
function sample(schema: Schema, name: string, ctx: Context, url: string): unknown {
  const known = ctx.values[name];
  if (known) return known(url);
  if (schema.anyOf) return sample(schema.anyOf[schema.anyOf.length - 1]!, name, ctx, url);
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object': {
      const body: Record<string, unknown> = {};
      for (const key of schema.required ?? []) body[key] = sample(schema.properties![key]!, key, ctx, url);
      return body;
    }
    case 'array':
      return schema.items ? [sample(schema.items, name, ctx, url)] : [];
    case 'integer':
    case 'number':
      return schema.minimum !== undefined && schema.minimum > -1e9 ? Math.max(schema.minimum, 1) : 1;
    case 'boolean':
      return false;
    case 'string':
      if (schema.format === 'date') return '2024-01-01';
      return 'Fuzzvej'.padEnd(schema.minLength ?? 0, 'x');
    default:
      return null;
  }
}

/** The body with the value at `path` set, parents filled in from the schema. */
function withValue(schema: Schema, path: Path, value: unknown, ctx: Context, url: string): unknown {
  const body = sample(schema, '', ctx, url) as Record<string | number, unknown>;
  let node = body;
  let nodeSchema = schema;
  path.forEach((key, i) => {
    const last = i === path.length - 1;
    const child =
      typeof key === 'number'
        ? nodeSchema.items!
        : (nodeSchema.properties?.[key] ?? nodeSchema.anyOf?.find((o) => o.properties)?.properties?.[key])!;
    if (last) node[key] = value;
    else {
      node[key] ??= sample(child, String(key), ctx, url);
      node = node[key] as Record<string | number, unknown>;
      nodeSchema = child;
    }
  });
  return body;
}

/** Every string in a JSON answer. */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

const LONE_SURROGATE = /\p{Cs}/u;
const UNSAFE_IN_NAME = /[\p{Cf}\p{Cc}\u2028\u2029]/u;

describeEachDatabase('text fuzz: every write route’s strings', (h) => {
  let m: GeneratedMunicipality;
  let leader: Client;
  let admin: Client;
  /** Staff of another team: each breaks the glass once (a second time is refused, 403). */
  let outsiders: Client[];
  let family: FamilyDetail;
  let consentId: string;
  let doc: { paths: Record<string, Record<string, Operation>> };
  /** Decisions waiting (a break-the-glass request, a reset for a second administrator): one per attempt. */
  let pendingRequests: string[];
  let pendingApprovals: string[];
  /** Interested households of outreach, one per attempt: an enrolled or placed one is gone. */
  const prospects: string[] = [];
  /** A department and a competence domain of the municipality (the administrator renames them). */
  let units: { departmentId: string; domainId: string };
  /** Tasks of the family, and tasks asked of the leader: each attempt that is saved moves one on. */
  let familyTasks: string[];
  let askedTasks: string[];
  /** A dream and a goal of the family's plan: each saved attempt edits them (a new plan version). */
  let plan: { dreamId: string; goalId: string };
  /** Appointments of the family (decision 0038): each attempt takes a fresh one, at version 1. */
  let familyAppointments: string[];
  /** Notes and measurements of the family: each attempt corrects or edits a fresh one, at version 1. */
  let familyNotes: string[];
  let familyMeasurements: string[];
  /** A building and a staircase of the team's own area (outreach places). */
  let place: { buildingId: string; staircaseId: string };

  beforeAll(async () => {
    m = await h().municipality({ families: 1, adults: 1, children: 1 });
    const staff = staffOf(m);
    leader = await h().signIn(staff.leader.username);
    admin = await h().signIn(staff.admin.username);
    const other = await addTeam(h().db, m, 4);
    outsiders = await Promise.all(other.members.map((u) => h().signIn(u.username)));
    const created = await leader.post(
      '/api/families',
      buildFamily(m.areas[0]!.id, { members: [buildMember()] }),
    );
    expect(created.statusCode, created.body).toBe(201);
    family = created.json();
    const consent = await leader.post(`/api/families/${family.id}/consents`, {
      purpose: 'evaluation',
      givenOn: '2024-01-01',
    });
    expect(consent.statusCode, consent.body).toBe(201);
    consentId = (consent.json() as FamilyDetail).consents[0]!.id;
    doc = h().app.swagger() as unknown as typeof doc;
    const firstOf = async (url: string) =>
      ((await admin.get(url)).json() as { items: { id: string }[] }).items[0]!.id;
    units = {
      departmentId: await firstOf('/api/team/departments'),
      domainId: await firstOf('/api/team/domains'),
    };
    const tasks = (asked: boolean) =>
      h()
        .db.kysely.insertInto('task')
        .values(
          Array.from({ length: 40 }, () => ({
            municipality_id: m.municipality.id,
            household_id: family.id,
            words: 'Find a part-time job',
            domain_id: units.domainId,
            level: 3,
            owner_id: staff.leader.id,
            ...(asked ? { routed_to: staff.leader.id, routing_state: 'asked' } : {}),
          })),
        )
        .returning('id')
        .execute()
        .then((rows) => rows.map((r) => r.id));
    familyTasks = await tasks(false);
    askedTasks = await tasks(true);
    const planRow = { municipality_id: m.municipality.id, household_id: family.id };
    plan = {
      dreamId: (
        await h()
          .db.kysely.insertInto('plan_dream')
          .values({ ...planRow, person_id: family.members[0]!.id, words: 'Et arbejde', language: 'da' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
      goalId: (
        await h()
          .db.kysely.insertInto('plan_goal')
          .values({ ...planRow, domain_id: units.domainId, words: 'Et job', priority: 1 })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    };
    familyAppointments = (
      await h()
        .db.kysely.insertInto('appointment')
        .values(
          Array.from({ length: 80 }, () => ({
            municipality_id: m.municipality.id,
            household_id: family.id,
            kind: 'home_visit' as const,
            starts_at: '2026-12-09T08:00:00Z',
            ends_at: '2026-12-09T09:00:00Z',
            created_by: staff.leader.id,
          })),
        )
        .returning('id')
        .execute()
    ).map((r) => r.id);
    const k0 = h().db.kysely;
    const muni = m.municipality.id;
    familyNotes = await addNotes(h().db, {
      municipalityId: muni,
      familyId: family.id,
      by: staff.leader.id,
      occurredOn: '2026-11-01',
      kind: 'home_visit',
      text: 'Besøg',
      count: 20,
    });
    familyMeasurements = (
      await k0
        .insertInto('measurement')
        .values(
          Array.from({ length: 60 }, (_, i) => ({
            municipality_id: muni,
            household_id: family.id,
            occasion: 'follow_up' as const,
            taken_on: `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
            language: 'da' as const,
            recorded_by: staff.leader.id,
          })),
        )
        .returning('id')
        .execute()
    ).map((r) => r.id);
    const { area_id } = await k0
      .selectFrom('team')
      .select('area_id')
      .where('municipality_id', '=', muni)
      .where('id', '=', m.team.id)
      .executeTakeFirstOrThrow();
    const building = await k0
      .insertInto('building')
      .values({ municipality_id: muni, area_id, name: 'Blok F' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const staircase = await k0
      .insertInto('staircase')
      .values({
        municipality_id: muni,
        building_id: building.id,
        street: 'Fuzzvej',
        number: '1',
        postal_code: '8220',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    place = { buildingId: building.id, staircaseId: staircase.id };
    // Written directly: each attempt that is saved decides one, so the next needs a fresh one.
    const k = h().db.kysely;
    const households = [m.households[0]!.id, family.id];
    pendingRequests = (
      await k
        .insertInto('break_glass_request')
        .values(
          other.members.flatMap((u) =>
            households.map((household_id) => ({
              municipality_id: m.municipality.id,
              requester_id: u.id,
              household_id,
              reason: 'A reason of ten characters or more',
            })),
          ),
        )
        .returning('id')
        .execute()
    ).map((r) => r.id);
    const secondAdmin = await addUser(h().db, m, { role: 'administrator' });
    pendingApprovals = (
      await k
        .insertInto('admin_approval')
        .values(
          Array.from({ length: 8 }, () => ({
            municipality_id: m.municipality.id,
            kind: 'second_factor',
            target_id: staff.leader.id,
            requested_by: secondAdmin.id,
            expires_at: new Date(Date.now() + 86_400_000),
          })),
        )
        .returning('id')
        .execute()
    ).map((r) => r.id);
    for (let i = 0; i < 200; i++) prospects.push((await addProspect(h().db, m)).id);
  });

  it('answers a lone surrogate, a bidi override and a zero-width space in any string with a 400 naming it or safe storage, never a 5xx', async () => {
    const staff = staffOf(m);
    const target = staff.members.at(-1)!;
    const fresh = async () => (await leader.get(`/api/families/${family.id}`)).json() as FamilyDetail;
    const version = async (url: string): Promise<number> => {
      if (url.startsWith('/api/admin/settings'))
        return (await admin.get('/api/admin/settings')).json().version;
      if (url.startsWith('/api/admin/users/'))
        return (await admin.get(`/api/admin/users/${target.id}`)).json().version;
      // The plan's version moves on with each saved attempt.
      if (url.includes('/plan/')) return (await leader.get(`/api/families/${family.id}/plan`)).json().version;
      // A task is fresh for each attempt (taskId above).
      if (url.includes('/tasks/')) return 1;
      if (url.includes('/appointments/')) return 1;
      // A prospect is fresh for each attempt (householdId below).
      if (url.startsWith('/api/outreach/households/')) return 1;
      // A note and a measurement are fresh for each attempt (noteId, measurementId below).
      if (url.includes('/notes/') || url.includes('/measures/')) return 1;
      if (url.startsWith('/api/outreach/buildings/'))
        return (
          await h()
            .db.kysely.selectFrom('building')
            .select('version')
            .where('id', '=', place.buildingId)
            .executeTakeFirstOrThrow()
        ).version;
      const detail = await fresh();
      if (url.includes('/members/')) return detail.members[0]!.version;
      return detail.version;
    };
    const versions = new Map<string, number>();
    let purposeInUse: string[] = [];
    const ctx: Context = {
      values: {
        familyId: () => family.id,
        memberId: () => family.members[0]!.id,
        consentId: () => consentId,
        requestId: () => pendingRequests.shift() ?? 'none-left',
        approvalId: () => pendingApprovals.shift() ?? 'none-left',
        userId: () => target.id,
        areaId: () => m.areas[0]!.id,
        teamId: () => m.team.id,
        departmentId: () => units.departmentId,
        taskId: (url) =>
          (url.startsWith('/api/tasks/') ? askedTasks.shift() : familyTasks.shift()) ?? 'none-left',
        domainId: () => units.domainId,
        // A task's raiser may be left out; a dream is a member's.
        personId: (url) => (url.includes('/plan/') ? family.members[0]!.id : null),
        dreamId: () => plan.dreamId,
        goalId: () => plan.goalId,
        language: () => 'da',
        appointmentId: () => familyAppointments.shift() ?? 'none-left',
        noteId: () => familyNotes.shift() ?? 'none-left',
        measurementId: () => familyMeasurements.shift() ?? 'none-left',
        buildingId: () => place.buildingId,
        staircaseId: () => place.staircaseId,
        // A visit at the door: to the family (of the team's area), a new visit each attempt; an
        // enrollment or a placement in the comparison group: a fresh interested prospect each attempt.
        householdId: (url) =>
          url.startsWith('/api/outreach/households/') ? (prospects.shift() ?? 'none-left') : family.id,
        clientId: () => randomUUID(),
        lastKnownVisitId: () => null,
        visitedAt: () => '2026-11-02T10:00:00Z',
        memberIds: () => [staff.members[0]!.id, staff.members[1]!.id],
        pair: () => [staff.members[0]!.id, staff.members[1]!.id],
        version: (url) => versions.get(url) ?? 1,
        postalCode: () => '8000',
        birthDate: () => '1985-02-01',
        username: () => `fuzz${Math.random().toString(36).slice(2, 8)}`,
        code: () => '123456',
        signIn: () => 'sso',
        role: (url) => (url.startsWith('/api/families') ? 'parent' : 'administrator'),
        purpose: () =>
          ['case_work', 'cross_department_sharing', 'employer_contact', 'civil_society_contact'].find(
            (p) => !purposeInUse.includes(p),
          ),
      },
    };
    let outsiderTurn = 0;
    const clientFor = (url: string): Client | null => {
      if (url === '/api/auth/login') return null;
      // The administrator's routes, and the departments and domains the administrator keeps.
      if (/^\/api\/(admin\/|team\/departments|team\/domains)/.test(url)) return admin;
      if (url.endsWith('/break-glass')) {
        outsiderTurn += 1;
        return outsiders[outsiderTurn % outsiders.length]!;
      }
      return leader;
    };
    const send = (method: string, url: string, body: unknown): Promise<LightMyRequestResponse> => {
      const client = clientFor(url);
      if (!client)
        return h().app.inject({ method: method.toUpperCase() as 'POST', url, payload: body as object });
      const verb = method as 'post' | 'put' | 'patch' | 'delete';
      return verb === 'delete' ? client.delete(url) : client[verb](url, body);
    };
    const urlOf = (template: string, bad?: { name: string; kind: BadKind }) =>
      template.replace(/\{(\w+)\}/g, (_, name: string) =>
        bad?.name === name ? `x${BAD_IN_URL[bad.kind]}` : String(ctx.values[name]?.(template) ?? name),
      );

    const failures: string[] = [];
    const notExercised: string[] = [];
    const unclassified: string[] = [];
    let token = 0;

    for (const [template, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const params = (op.parameters ?? []).filter((p) => isStringSchema(p.schema));
        // Path and query parameters of every route, GETs too: never a 5xx.
        for (const p of params) {
          for (const kind of Object.keys(BAD) as BadKind[]) {
            let url = urlOf(template, p.in === 'path' ? { name: p.name, kind } : undefined);
            if (p.in === 'query') url += `?${p.name}=x${BAD_IN_URL[kind]}`;
            const response =
              method === 'get'
                ? await (url.startsWith('/api/admin') || url.startsWith('/api/audit') ? admin : leader).get(
                    url,
                  )
                : await send(method, url, {});
            if (response.statusCode >= 500)
              failures.push(
                `${method.toUpperCase()} ${template} ${p.in} ${p.name} ${kind}: ${response.statusCode}`,
              );
          }
        }
        if (!WRITE_METHODS.includes(method)) continue;
        const schema = op.requestBody?.content?.['application/json']?.schema;
        if (!schema) continue;
        for (const leaf of stringLeaves(schema)) {
          const field = leaf.path.join('.');
          const name = `${method.toUpperCase()} ${template} ${field}`;
          if (isTyped(leaf.schema) && !leaf.schema['x-text']) unclassified.push(name);
          const free = leaf.schema['x-text'] === 'free';
          for (const kind of Object.keys(BAD) as BadKind[]) {
            // Per attempt: a decision route gets a request still waiting each time.
            const url = urlOf(template);
            token += 1;
            const mark = `Fz${token}`;
            const value = `${mark}${BAD[kind]}x`.padEnd(leaf.schema.minLength ?? 0, 'x');
            if (JSON.stringify(schema).includes('"version"')) versions.set(url, await version(url));
            purposeInUse = (await fresh()).consents.filter((c) => !c.withdrawnOn).map((c) => c.purpose);
            const response = await send(method, url, withValue(schema, leaf.path, value, ctx, url));
            const status = response.statusCode;
            const label = `${name} ${kind}`;
            if (status >= 500) {
              failures.push(`${label}: ${status} ${response.body.slice(0, 120)}`);
              continue;
            }
            if (status >= 200 && status < 300) {
              // A file (CSV) is checked as its text; JSON answers string by string.
              const json = String(response.headers['content-type']).startsWith('application/json');
              const answer = json ? response.json() : response.body;
              const stored = stringsOf(answer).filter((s) => s.includes(mark));
              for (const s of stored) {
                if (LONE_SURROGATE.test(s) || s.includes('\ufffd'))
                  failures.push(`${label}: ${status}, stored ${JSON.stringify(s)} (not well-formed)`);
                else if (!free && UNSAFE_IN_NAME.test(s))
                  failures.push(`${label}: ${status}, stored ${JSON.stringify(s)} in a name-kind field`);
              }
              continue;
            }
            const named = (
              JSON.parse(response.body || '{}') as { errors?: { field: string }[] }
            ).errors?.some((e) => e.field === field);
            if (status === 400 && named) continue;
            if (!NOT_EXERCISED[label])
              notExercised.push(`${label}: ${status} ${response.body.slice(0, 160)}`);
          }
        }
      }
    }
    // One assertion, so a failing run lists every kind of finding at once.
    expect(
      { failures, notExercised, unclassified },
      'never a 5xx or unsafe storage; every field reached',
    ).toEqual({
      failures: [],
      notExercised: [],
      unclassified: [],
    });
    // The walk reached the routes of the issue: the document is not empty or half-read.
    expect(token).toBeGreaterThan(60);
    // Every route's strings, one request each: the walk grows with the API (the plan's routes took
    // it past the default minute on a loaded machine).
  }, 180_000);
});
