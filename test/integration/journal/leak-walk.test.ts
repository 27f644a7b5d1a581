import { randomUUID } from 'node:crypto';
import diagnostics from 'node:diagnostics_channel';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/server/app';
import { loadConfig } from '../../../src/server/config';
import { addTeam, relationsOf, staffOf } from '../../support/factories';
import { type Client, describeEachDatabase, type Harness, TEST_SECRET_KEY } from '../../support/harness';

/** The method and path of every GET route the app registers under /api (as routes.test.ts finds them). */
async function getRoutes(h: Harness): Promise<string[]> {
  const urls: string[] = [];
  const onInit = (message: unknown) => {
    const { fastify } = message as { fastify: FastifyInstance };
    fastify.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (methods.includes('GET') && route.url.startsWith('/api/') && !route.url.startsWith('/api/docs'))
        urls.push(route.url);
    });
  };
  diagnostics.subscribe('fastify.initialization', onInit);
  let app: FastifyInstance;
  try {
    app = await buildApp({
      db: h.db,
      config: { ...loadConfig({}), webDir: '/nonexistent', secretKeys: [TEST_SECRET_KEY] },
    });
  } finally {
    diagnostics.unsubscribe('fastify.initialization', onInit);
  }
  await app.ready();
  await app.close();
  return [...new Set(urls)];
}

/**
 * Issue 14 §5: "test that a sensitive note's text reaches no one else through any route". A
 * sensitive note with a unique marker, linked to a task; then every GET route the app registers
 * (the note, the journal, the family page, its history, the tasks, the audit log …), and the
 * family search and export, are called by those who may not read it — a team member outside the
 * pair, another team's member who broke the glass for the family, another team's leader — with
 * the family's, the note's and the task's ids in the path. The marker must be in no answer. The
 * same walk finds a plain note's marker, so it does reach the journal.
 */
describeEachDatabase('journal: a sensitive note leaks through no route', (h) => {
  let routes: string[];
  let world: Awaited<ReturnType<typeof build>>;

  async function build() {
    const m = await h().municipality({ families: 2 });
    const { household, pair, notInPair } = relationsOf(m, 0);
    const team2 = await addTeam(h().db, m, 1);
    const pairClient = await h().signIn(pair[0]!.username);
    const family = `/api/families/${household.id}`;
    const task = await pairClient.post(`${family}/tasks`, {
      words: 'Hjælp til at finde en læge',
      domainId: m.domains[0]!.id,
      level: 1,
    });
    expect(task.statusCode, task.body).toBe(201);
    const secret = `SENSITIVE-${randomUUID()}`;
    const plain = `PLAIN-${randomUUID()}`;
    const role = `ROLE-${randomUUID().slice(0, 8)}`;
    const note = await pairClient.post(`${family}/notes`, {
      occurredOn: '2026-11-04',
      kind: 'authority_meeting',
      text: secret,
      participants: [{ kind: 'other', role }],
      taskIds: [task.json().id],
      sensitive: true,
      sensitiveCategory: 'abuse',
    });
    expect(note.statusCode, note.body).toBe(201);
    // A correction, so the earlier text (also secret) is kept as a version.
    const corrected = await pairClient.post(`${family}/notes/${note.json().id}/corrections`, {
      version: 1,
      text: `${secret} (rettet)`,
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const plainNote = await pairClient.post(`${family}/notes`, {
      occurredOn: '2026-11-05',
      kind: 'phone',
      text: plain,
    });
    expect(plainNote.statusCode).toBe(201);
    const glass = await h().signIn(team2.members[0]!.username);
    const broke = await glass.post(`${family}/break-glass`, {
      reason: 'The pair is away and the family called',
    });
    expect(broke.statusCode, broke.body).toBe(201);
    return {
      familyId: household.id,
      noteId: note.json().id as string,
      taskId: task.json().id as string,
      secret,
      role,
      plain,
      pairClient,
      walkers: {
        teamMember: { client: await h().signIn(notInPair[0]!.username), id: notInPair[0]!.id },
        brokeTheGlass: { client: glass, id: team2.members[0]!.id },
        otherTeamLeader: { client: await h().signIn(team2.leader.username), id: team2.leader.id },
        administrator: { client: await h().signIn(staffOf(m).admin.username), id: staffOf(m).admin.id },
      },
    };
  }

  beforeAll(async () => {
    routes = await getRoutes(h());
    world = await build();
  });

  /** The route's path with the world's ids: the family, the note, the task; the walker for a user. */
  function pathOf(url: string, userId: string): string {
    return url.replace(/:([a-zA-Z]+)/g, (_all, name: string) => {
      if (name === 'familyId') return world.familyId;
      if (name === 'noteId') return world.noteId;
      if (name === 'taskId') return world.taskId;
      if (name === 'userId') return userId;
      return randomUUID();
    });
  }

  /** Every answer a walker gets: each GET route, the family search (by the marker too) and the export. */
  async function walk(client: Client, userId: string) {
    const answers: { route: string; status: number; body: string }[] = [];
    for (const url of routes) {
      const res = await client.get(pathOf(url, userId));
      answers.push({ route: `GET ${url}`, status: res.statusCode, body: res.body });
    }
    for (const body of [{}, { q: world.secret }, { q: world.role }]) {
      const res = await client.post('/api/families/search', body);
      answers.push({ route: 'POST /api/families/search', status: res.statusCode, body: res.body });
    }
    const csv = await client.post('/api/families/export', { format: 'csv' });
    answers.push({ route: 'POST /api/families/export', status: csv.statusCode, body: csv.body });
    return answers;
  }

  it('walks the journal routes among the others', () => {
    expect(routes).toContain('/api/families/:familyId/notes');
    expect(routes).toContain('/api/families/:familyId/notes/:noteId');
    expect(routes).toContain('/api/families/:familyId');
    expect(routes).toContain('/api/families/:familyId/history');
    expect(routes.length).toBeGreaterThan(20);
  });

  it('the pair finds the marker (so it is there to be found)', async () => {
    const res = await world.pairClient.get(`/api/families/${world.familyId}/notes/${world.noteId}`);
    expect(res.body).toContain(world.secret);
    expect(res.body).toContain(world.role);
  });

  describe.each(['teamMember', 'brokeTheGlass', 'otherTeamLeader', 'administrator'] as const)(
    'as %s',
    (walker) => {
      it('no answer carries the sensitive note’s text or participants', async () => {
        const { client, id } = world.walkers[walker];
        const answers = await walk(client, id);
        const leaks = answers.filter((a) => a.body.includes(world.secret) || a.body.includes(world.role));
        expect(leaks.map((a) => a.route)).toEqual([]);
        if (walker === 'teamMember' || walker === 'brokeTheGlass') {
          // The walk reaches the journal: the plain note is read there, and the sensitive one is seen to exist.
          const journal = answers.find((a) => a.route === 'GET /api/families/:familyId/notes')!;
          expect(journal.status).toBe(200);
          expect(journal.body).toContain(world.plain);
          expect(journal.body).toContain(world.noteId);
        }
      });
    },
  );
});
