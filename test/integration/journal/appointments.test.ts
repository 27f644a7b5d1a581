import { expect, it } from 'vitest';
import { today } from '../../../src/shared/common/today';
import { addDays, isoWeekOf } from '../../../src/shared/journal/appointments.time';
import { addTeam, auditRows, relationsOf } from '../../support/factories';
import { describeEachDatabase } from '../../support/harness';

/** Unfolds an iCalendar text (RFC 5545 §3.1) and reads its events' properties back. */
function parseIcs(text: string) {
  expect(text.endsWith('\r\n')).toBe(true);
  // Every line ends CRLF; no line is longer than 75 octets.
  for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
  expect(lines[0]).toBe('BEGIN:VCALENDAR');
  expect(lines.at(-1)).toBe('END:VCALENDAR');
  const unescapeText = (v: string) =>
    v.replace(/\\(.)/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      events.push(current!);
      current = null;
    } else if (current) {
      const at = line.indexOf(':');
      current[line.slice(0, at)] = unescapeText(line.slice(at + 1));
    }
  }
  return events;
}

/**
 * Issue 14 §6 (decision 0038): appointments with the family and/or another authority, on the
 * family's page and in "My appointments this week"; one as .ics; a person's own feed behind a
 * secret, revocable URL, with initials and the kind of meeting unless they opt in to more.
 */
// Fixed weeks are in 2019, far from the demo appointments every test municipality gets around today.
describeEachDatabase('appointments', (h) => {
  async function world() {
    const m = await h().municipality({ families: 2 });
    const { household, pair, notInPair } = relationsOf(m, 0);
    const pairClient = await h().signIn(pair[0]!.username);
    return { m, household, pair, notInPair, pairClient };
  }
  type World = Awaited<ReturnType<typeof world>>;

  const base = (w: World, o: Record<string, unknown> = {}) => ({
    kind: 'network_meeting',
    title: 'Skoleskift; plan, næste skridt',
    date: '2019-12-11',
    startTime: '09:30',
    endTime: '10:30',
    place: 'Jobcentret, Vestergade 3',
    otherAuthority: 'Jobcenter Aarhus',
    participantIds: [w.pair[0]!.id, w.pair[1]!.id],
    ...o,
  });

  async function add(w: World, o: Record<string, unknown> = {}) {
    const res = await w.pairClient.post(`/api/families/${w.household.id}/appointments`, base(w, o));
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  it('adds an appointment in Danish time, lists it on the family page and in the participants’ week', async () => {
    const w = await world();
    const a = await add(w);
    expect(a).toMatchObject({
      familyId: w.household.id,
      kind: 'network_meeting',
      date: '2019-12-11',
      startTime: '09:30',
      endTime: '10:30',
      // December: Copenhagen is UTC+1.
      startsAt: '2019-12-11T08:30:00.000Z',
      otherAuthority: 'Jobcenter Aarhus',
      cancelled: false,
      version: 1,
    });
    expect(a.participants.map((p: { id: string }) => p.id).sort()).toEqual(
      [w.pair[0]!.id, w.pair[1]!.id].sort(),
    );
    const list = await w.pairClient.get(`/api/families/${w.household.id}/appointments`);
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(a.id);
    expect(list.json().abilities.create).toBe(true);

    const other = await h().signIn(w.pair[1]!.username);
    const week = await other.get('/api/appointments/mine?week=2019-W50');
    expect(week.statusCode, week.body).toBe(200);
    expect(week.json()).toMatchObject({
      week: '2019-W50',
      from: '2019-12-09',
      to: '2019-12-15',
      previousWeek: '2019-W49',
      nextWeek: '2019-W51',
    });
    expect(week.json().items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    const audited = await auditRows(h().db, w.m.municipality.id, { actorId: w.pair[1]!.id, action: 'list' });
    expect(audited.filter((r) => r.entity === 'appointment').at(-1)?.household_ids).toEqual([w.household.id]);
    const next = await other.get('/api/appointments/mine?week=2019-W51');
    expect(next.json().items).toEqual([]);
  });

  it('takes a week boundary in Danish time: Sunday 23:30 belongs to the week it is in Denmark', async () => {
    const w = await world();
    // Sunday 15 December 23:00–23:30 in Copenhagen is 22:00–22:30 UTC: still week 50.
    const a = await add(w, { date: '2019-12-15', startTime: '23:00', endTime: '23:30' });
    const w50 = await w.pairClient.get('/api/appointments/mine?week=2019-W50');
    const w51 = await w.pairClient.get('/api/appointments/mine?week=2019-W51');
    expect(w50.json().items.map((i: { id: string }) => i.id)).toContain(a.id);
    expect(w51.json().items.map((i: { id: string }) => i.id)).not.toContain(a.id);
  });

  it('this week, when no week is named', async () => {
    const w = await world();
    const res = await w.pairClient.get('/api/appointments/mine');
    expect(res.statusCode).toBe(200);
    expect(res.json().week).toBe(isoWeekOf(today()));
  });

  it('refuses bad input naming the field: an end before the start, no one to meet, a bad week, a stranger', async () => {
    const w = await world();
    const url = `/api/families/${w.household.id}/appointments`;
    const end = await w.pairClient.post(url, base(w, { endTime: '09:00' }));
    expect(end.statusCode).toBe(400);
    expect(end.json().errors.map((e: { field: string }) => e.field)).toEqual(['endTime']);
    expect(end.json().errors[0].message).toBe('Sluttidspunktet skal ligge efter starttidspunktet');
    const time = await w.pairClient.post(url, base(w, { startTime: '9.30' }));
    expect(time.json().errors[0].field).toBe('startTime');
    const week = await w.pairClient.get('/api/appointments/mine?week=2019-W53');
    expect(week.statusCode).toBe(400);
    expect(week.json().errors[0].field).toBe('week');
    const other = await h().municipality({ families: 1, adults: 1, children: 1 });
    const stranger = await w.pairClient.post(url, base(w, { participantIds: [other.users[0]!.id] }));
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().errors[0].field).toBe('participantIds');
  });

  it('edits at the version it was opened on: a stale version is 409; cancelling keeps it, marked', async () => {
    const w = await world();
    const a = await add(w);
    const url = `/api/families/${w.household.id}/appointments/${a.id}`;
    const moved = await w.pairClient.patch(url, {
      version: 1,
      startTime: '11:00',
      endTime: '12:00',
      place: null,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ startTime: '11:00', endTime: '12:00', place: null, version: 2 });
    const stale = await w.pairClient.patch(url, { version: 1, title: 'Andet' });
    expect(stale.statusCode).toBe(409);
    const cancelled = await w.pairClient.post(`${url}/cancel`, { version: 2 });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ cancelled: true, version: 3, abilities: { update: false } });
    const again = await w.pairClient.post(`${url}/cancel`, { version: 3 });
    expect(again.statusCode).toBe(409);
    const history = await w.pairClient.get(`/api/families/${w.household.id}/history`);
    expect(history.statusCode).toBe(200);
  });

  it('downloads one appointment as iCalendar, escaped and folded, that parses back', async () => {
    const w = await world();
    const a = await add(w, {
      title: 'Opfølgning, møde; med æ, ø og å — og en meget lang titel der skal foldes over flere linjer',
    });
    const res = await w.pairClient.get(`/api/appointments/${a.id}/ics`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="appointment-2019-12-11.ics"');
    const [event, ...rest] = parseIcs(res.body);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      UID: `${a.id}@staircase`,
      DTSTART: '20191211T083000Z',
      DTEND: '20191211T093000Z',
      STATUS: 'CONFIRMED',
      SUMMARY: `Netværksmøde: Opfølgning, møde; med æ, ø og å — og en meget lang titel der skal foldes over flere linjer (${w.household.reference})`,
      LOCATION: 'Jobcentret, Vestergade 3',
    });
    expect(event!.DESCRIPTION).toContain('Myndighed: Jobcenter Aarhus');
    expect(event!.DESCRIPTION!.split('\n')).toHaveLength(3);
    const audited = await auditRows(h().db, w.m.municipality.id, { entityId: a.id, action: 'read' });
    expect(audited.some((r) => r.entity === 'appointment' && r.household_id === w.household.id)).toBe(true);
  });

  it('refuses another team’s member the .ics of an appointment they are not part of, on the record', async () => {
    const w = await world();
    const a = await add(w);
    const team2 = await addTeam(h().db, w.m, 1);
    const stranger = await h().signIn(team2.members[0]!.username);
    const res = await stranger.get(`/api/appointments/${a.id}/ics`);
    expect(res.statusCode).toBe(403);
    const denied = await auditRows(h().db, w.m.municipality.id, {
      actorId: team2.members[0]!.id,
      action: 'denied',
    });
    expect(denied.at(-1)).toMatchObject({
      entity: 'appointment',
      entity_id: a.id,
      household_id: w.household.id,
    });
  });
  it('the feed: a secret URL shown once; initials and kind only; details on opt-in; 404 after revoke; audited', async () => {
    const w = await world();
    // Within the feed's window (60 days back, a year ahead).
    const a = await add(w, { date: addDays(today(), 7) });
    // Another family's appointment that only a colleague takes part in: never in this person's feed.
    const { household: otherFamily, pair: otherPair } = relationsOf(w.m, 1);
    const otherClient = await h().signIn(otherPair[0]!.username);
    const theirs = await otherClient.post(`/api/families/${otherFamily.id}/appointments`, {
      ...base(w, { date: addDays(today(), 7) }),
      participantIds: [w.notInPair[0]!.id],
    });
    expect(theirs.statusCode, theirs.body).toBe(201);

    const before = await w.pairClient.get('/api/me/calendar-feed');
    expect(before.json()).toEqual({ active: false, details: false, createdAt: null });
    const created = await w.pairClient.post('/api/me/calendar-feed', {});
    expect(created.statusCode, created.body).toBe(201);
    const { url, details } = created.json();
    expect(details).toBe(false);
    const path = new URL(url).pathname;
    expect(path).toMatch(/^\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    // The URL is never given again, and only its hash is stored.
    const status = await w.pairClient.get('/api/me/calendar-feed');
    expect(status.json()).toMatchObject({ active: true, details: false });
    expect(JSON.stringify(status.json())).not.toContain(path.slice(10, 53));
    const stored = await h()
      .db.kysely.selectFrom('calendar_feed')
      .select('token_hash')
      .where('user_id', '=', w.pair[0]!.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(path.slice(10, 53));
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);

    // Fetched without a session: the kind and the family's initials, nothing else.
    const feed = await h().app.inject({ method: 'GET', url: path });
    expect(feed.statusCode, feed.body).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const events = parseIcs(feed.body);
    const ids = events.map((e) => e.UID!.replace('@staircase', ''));
    expect(ids).toContain(a.id);
    expect(ids).not.toContain(theirs.json().id);
    const mine = events.find((e) => e.UID === `${a.id}@staircase`)!;
    expect(mine.SUMMARY).toMatch(/^Netværksmøde · (\p{Lu}\. \p{Lu}\.)$/u);
    expect(mine.LOCATION).toBeUndefined();
    expect(mine.DESCRIPTION).toBeUndefined();
    expect(feed.body).not.toContain('Jobcenter');
    expect(feed.body).not.toContain(w.household.reference);
    const fetched = await auditRows(h().db, w.m.municipality.id, { actorId: w.pair[0]!.id, action: 'list' });
    expect(fetched.at(-1)).toMatchObject({ entity: 'appointment', purpose: 'calendar_feed' });

    // Opting in: a new URL; the old one stops at once.
    const detailed = await w.pairClient.post('/api/me/calendar-feed', { details: true });
    const path2 = new URL(detailed.json().url).pathname;
    expect(path2).not.toBe(path);
    expect((await h().app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    const full = parseIcs((await h().app.inject({ method: 'GET', url: path2 })).body);
    const mineFull = full.find((e) => e.UID === `${a.id}@staircase`)!;
    expect(mineFull.SUMMARY).toContain('Skoleskift; plan, næste skridt');
    expect(mineFull.LOCATION).toBe('Jobcentret, Vestergade 3');

    // Revoked: 404, and the status says so.
    const revoked = await w.pairClient.delete('/api/me/calendar-feed');
    expect(revoked.statusCode).toBe(204);
    const gone = await h().app.inject({ method: 'GET', url: path2 });
    expect(gone.statusCode).toBe(404);
    expect((await w.pairClient.get('/api/me/calendar-feed')).json().active).toBe(false);
    // A token never issued, or not a token at all: 404 alike.
    expect((await h().app.inject({ method: 'GET', url: `/calendar/${'A'.repeat(43)}.ics` })).statusCode).toBe(
      404,
    );
    expect((await h().app.inject({ method: 'GET', url: '/calendar/x.ics' })).statusCode).toBe(404);
  });

  it('adds my appointment with another authority and no family: in my week and my file; its people and my leader only (decision 0045)', async () => {
    const w = await world();
    const me = w.pair[0]!;
    const own = {
      kind: 'authority_meeting',
      date: '2019-12-11',
      startTime: '13:00',
      endTime: '14:00',
      place: 'Vestergade 3',
    };
    // Without an authority it is with nobody: refused, naming the field, nothing saved.
    const missing = await w.pairClient.post('/api/appointments', own);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { field: string }) => e.field)).toEqual(['otherAuthority']);

    const res = await w.pairClient.post('/api/appointments', { ...own, otherAuthority: 'Jobcenter Aarhus' });
    expect(res.statusCode, res.body).toBe(201);
    const made = res.json();
    expect(made).toMatchObject({
      familyId: null,
      familyReference: null,
      otherAuthority: 'Jobcenter Aarhus',
      date: '2019-12-11',
      startTime: '13:00',
      participants: [{ id: me.id }],
    });
    const week = (await w.pairClient.get('/api/appointments/mine?week=2019-W50')).json();
    expect(week.items.map((a: { id: string }) => a.id)).toContain(made.id);
    const created = await auditRows(h().db, w.m.municipality.id, { actorId: me.id, action: 'create' });
    expect(
      created.some((r) => r.entity === 'appointment' && r.entity_id === made.id && r.household_id === null),
    ).toBe(true);

    // Its .ics: mine, my team's leader's; not a colleague's, nor another team's leader's.
    expect((await w.pairClient.get(`/api/appointments/${made.id}/ics`)).statusCode).toBe(200);
    const leader = w.m.users.find((u) => u.role === 'team_leader')!;
    expect(
      (await (await h().signIn(leader.username)).get(`/api/appointments/${made.id}/ics`)).statusCode,
    ).toBe(200);
    const colleague = await h().signIn(w.notInPair[0]!.username);
    expect((await colleague.get(`/api/appointments/${made.id}/ics`)).statusCode).toBe(403);
    const team2 = await addTeam(h().db, w.m, 1);
    const otherLeader = await h().signIn(team2.leader.username);
    expect((await otherLeader.get(`/api/appointments/${made.id}/ics`)).statusCode).toBe(403);
    // Nobody else's week shows it.
    const theirs = (await colleague.get('/api/appointments/mine?week=2019-W50')).json();
    expect(theirs.items.map((a: { id: string }) => a.id)).not.toContain(made.id);
  });

  it('edits and cancels my appointment without a family at its version; not a participant, only me and my leader (decision 0053)', async () => {
    const w = await world();
    const me = w.pair[0]!;
    const colleague = w.notInPair[0]!;
    const made = await w.pairClient.post('/api/appointments', {
      kind: 'authority_meeting',
      date: '2019-12-11',
      startTime: '13:00',
      endTime: '14:00',
      otherAuthority: 'Jobcenter Aarhus',
      participantIds: [me.id, colleague.id],
    });
    expect(made.statusCode, made.body).toBe(201);
    const a = made.json();
    expect(a.abilities.update).toBe(true);
    const url = `/api/appointments/${a.id}`;

    // My week offers me the edit; the colleague's week shows it without.
    const mine = (await w.pairClient.get('/api/appointments/mine?week=2019-W50')).json();
    expect(mine.items.find((i: { id: string }) => i.id === a.id).abilities.update).toBe(true);
    const colleagueClient = await h().signIn(colleague.username);
    const theirs = (await colleagueClient.get('/api/appointments/mine?week=2019-W50')).json();
    expect(theirs.items.find((i: { id: string }) => i.id === a.id).abilities.update).toBe(false);

    const moved = await w.pairClient.patch(url, {
      version: 1,
      startTime: '14:00',
      endTime: '15:30',
      place: 'Vestergade 3',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      startTime: '14:00',
      endTime: '15:30',
      place: 'Vestergade 3',
      version: 2,
    });
    const edits = await auditRows(h().db, w.m.municipality.id, { actorId: me.id, action: 'update' });
    expect(
      edits.find((r) => r.entity === 'appointment' && r.entity_id === a.id && r.household_id === null)
        ?.fields,
    ).toEqual(['place', 'startsAt', 'endsAt']);

    // A stale version is a conflict, never a silent overwrite.
    const stale = await w.pairClient.patch(url, { version: 1, title: 'Andet' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().errors[0].field).toBe('version');

    // Bad input names the field, translated, and changes nothing.
    const noAuthority = await w.pairClient.patch(url, { version: 2, otherAuthority: '' });
    expect(noAuthority.statusCode).toBe(400);
    expect(noAuthority.json().errors.map((e: { field: string }) => e.field)).toEqual(['otherAuthority']);
    expect(noAuthority.json().errors[0].message).toBe(
      'Angiv en anden myndighed, når aftalen ikke er med en familie',
    );
    const english = await w.pairClient.patch(
      url,
      { version: 2, startTime: '16:00', endTime: '15:00' },
      { 'accept-language': 'en' },
    );
    expect(english.statusCode).toBe(400);
    expect(english.json().errors[0]).toMatchObject({ field: 'endTime' });
    expect(english.json().errors[0].message).toMatch(/end/i);

    // Taking part gives no say over it; nor does another team's leader.
    expect((await colleagueClient.patch(url, { version: 2, place: 'Hjemme' })).statusCode).toBe(403);
    expect((await colleagueClient.post(`${url}/cancel`, { version: 2 })).statusCode).toBe(403);
    const denied = await auditRows(h().db, w.m.municipality.id, { actorId: colleague.id, action: 'denied' });
    expect(denied.some((r) => r.entity === 'appointment' && r.entity_id === a.id)).toBe(true);
    const team2 = await addTeam(h().db, w.m, 1);
    const otherLeader = await h().signIn(team2.leader.username);
    expect((await otherLeader.post(`${url}/cancel`, { version: 2 })).statusCode).toBe(403);

    // A family's appointment is not reached here: its page checks the relationship.
    const family = await add(w);
    expect((await w.pairClient.patch(`/api/appointments/${family.id}`, { version: 1 })).statusCode).toBe(404);

    // My leader may cancel it (I may be away); it is kept, marked, and no longer changes.
    const leader = await h().signIn(w.m.users.find((u) => u.role === 'team_leader')!.username);
    const gone = await leader.post(`${url}/cancel`, { version: 2 });
    expect(gone.statusCode, gone.body).toBe(200);
    expect(gone.json()).toMatchObject({ cancelled: true, version: 3, abilities: { update: false } });
    expect((await w.pairClient.post(`${url}/cancel`, { version: 3 })).statusCode).toBe(409);
    expect((await w.pairClient.patch(url, { version: 3, place: 'x' })).statusCode).toBe(409);
    const week = (await w.pairClient.get('/api/appointments/mine?week=2019-W50')).json();
    expect(week.items.find((i: { id: string }) => i.id === a.id)).toMatchObject({ cancelled: true });
  });
});
