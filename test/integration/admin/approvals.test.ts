import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { addUser, auditSince, lastAuditId, staffOf } from '../../support/factories';
import { describeEachDatabase, type Harness, TEST_PASSWORD } from '../../support/harness';

/**
 * Issue 12, point 6: an administrator's reset of a team leader's or an administrator's way in
 * (password, second factor, single sign-on) waits for a second administrator's approval when
 * there is another active administrator to give it; with none, it proceeds, flagged in the audit
 * log. A team member's reset proceeds as before.
 */
const NEW_PASSWORD = 'a fresh and long enough passphrase 42';

async function versionOf(h: Harness, userId: string) {
  return (
    await h.db.kysely
      .selectFrom('app_user')
      .select('version')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow()
  ).version;
}

async function canSignIn(h: Harness, username: string, password: string) {
  const login = await h.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  return login.statusCode === 200;
}

async function world(h: Harness, admins: 1 | 2) {
  const m = await h.municipality({ families: 1, adults: 2, children: 1 });
  const { leader, members, admin } = staffOf(m);
  const second = admins === 2 ? await addUser(h.db, m, { role: 'administrator' }) : undefined;
  return {
    m,
    leader,
    member: members[0]!,
    requester: await h.signIn(admin.username),
    requesterId: admin.id,
    approver: second ? await h.signIn(second.username) : undefined,
    approverId: second?.id,
  };
}

describeEachDatabase('a second administrator’s approval of a takeover-grade reset', (h) => {
  it('with two administrators: a leader’s password reset waits, the other administrator approves, then it takes effect', async () => {
    const w = await world(h(), 2);
    const since = await lastAuditId(h().db);
    const asked = await w.requester.post(`/api/admin/users/${w.leader.id}/password`, {
      password: NEW_PASSWORD,
      version: await versionOf(h(), w.leader.id),
    });
    expect(asked.statusCode).toBe(202);
    const approval = asked.json();
    expect(approval).toMatchObject({
      kind: 'password',
      status: 'pending',
      target: { id: w.leader.id },
      requestedBy: { id: w.requesterId },
    });
    // Nothing happened yet: the old password still works, the new one does not.
    expect(await canSignIn(h(), w.leader.username, TEST_PASSWORD)).toBe(true);
    expect(await canSignIn(h(), w.leader.username, NEW_PASSWORD)).toBe(false);

    // Both administrators see it pending; only the other one may decide it.
    const listed = (await w.approver!.get('/api/admin/approvals')).json().items;
    expect(listed).toEqual([expect.objectContaining({ id: approval.id, abilities: { decide: true } })]);
    const own = (await w.requester.get('/api/admin/approvals')).json().items;
    expect(own).toEqual([expect.objectContaining({ id: approval.id, abilities: { decide: false } })]);

    const approved = await w.approver!.post(`/api/admin/approvals/${approval.id}/approve`, {});
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: { id: w.approverId } });
    expect(await canSignIn(h(), w.leader.username, NEW_PASSWORD)).toBe(true);
    expect((await w.approver!.get('/api/admin/approvals')).json().items).toEqual([]);

    const rows = await auditSince(h().db, w.m.municipality.id, since);
    expect(
      rows
        .filter(
          (r) =>
            (r.entity === 'admin_approval' && r.action !== 'list') ||
            (r.action === 'update' && r.entity === 'app_user'),
        )
        .map((r) => [r.action, r.entity, r.actor_id, r.purpose]),
    ).toEqual([
      ['create', 'admin_approval', w.requesterId, 'administration'],
      ['update', 'app_user', w.approverId, 'administration_approved'],
      ['update', 'admin_approval', w.approverId, 'administration'],
    ]);
  });

  it('never lets the requester approve their own request (403, audited), and the reset does not happen', async () => {
    const w = await world(h(), 2);
    const asked = await w.requester.post(`/api/admin/users/${w.leader.id}/password`, {
      password: NEW_PASSWORD,
      version: await versionOf(h(), w.leader.id),
    });
    const since = await lastAuditId(h().db);
    const self = await w.requester.post(`/api/admin/approvals/${asked.json().id}/approve`, {});
    expect(self.statusCode).toBe(403);
    expect(await canSignIn(h(), w.leader.username, NEW_PASSWORD)).toBe(false);
    const denied = (await auditSince(h().db, w.m.municipality.id, since)).filter(
      (r) => r.action === 'denied',
    );
    expect(denied).toEqual([expect.objectContaining({ actor_id: w.requesterId, entity: 'admin_approval' })]);
  });

  it('lets the other administrator refuse with a reason: nothing changes and the request is closed', async () => {
    const w = await world(h(), 2);
    const asked = await w.requester.post(`/api/admin/users/${w.leader.id}/second-factor/reset`, {
      version: await versionOf(h(), w.leader.id),
    });
    expect(asked.statusCode).toBe(202);
    expect(asked.json().kind).toBe('second_factor');
    const noReason = await w.approver!.post(
      `/api/admin/approvals/${asked.json().id}/refuse`,
      { reason: '' },
      { 'accept-language': 'en' },
    );
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([expect.objectContaining({ field: 'reason' })]);

    const refused = await w.approver!.post(`/api/admin/approvals/${asked.json().id}/refuse`, {
      reason: 'The leader did not ask for it',
    });
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({ status: 'refused', reason: 'The leader did not ask for it' });
    const again = await w.approver!.post(`/api/admin/approvals/${asked.json().id}/approve`, {});
    expect(again.statusCode).toBe(409);
  });

  it('lets one of two approvers at once win; the other gets 409', async () => {
    const w = await world(h(), 2);
    const third = await addUser(h().db, w.m, { role: 'administrator' });
    const other = await h().signIn(third.username);
    const asked = await w.requester.post(`/api/admin/users/${w.leader.id}/password`, {
      password: NEW_PASSWORD,
      version: await versionOf(h(), w.leader.id),
    });
    const url = `/api/admin/approvals/${asked.json().id}/approve`;
    const results = await Promise.all([w.approver!.post(url, {}), other.post(url, {})]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });

  it('expires a request after 24 hours: it is no longer listed and cannot be approved', async () => {
    const w = await world(h(), 2);
    const asked = await w.requester.post(`/api/admin/users/${w.leader.id}/password`, {
      password: NEW_PASSWORD,
      version: await versionOf(h(), w.leader.id),
    });
    await sql`update admin_approval set requested_at = now() - interval '25 hours',
              expires_at = now() - interval '1 hour' where id = ${asked.json().id}`.execute(h().db.kysely);
    expect((await w.approver!.get('/api/admin/approvals')).json().items).toEqual([]);
    expect((await w.approver!.post(`/api/admin/approvals/${asked.json().id}/approve`, {})).statusCode).toBe(
      409,
    );
    expect(await canSignIn(h(), w.leader.username, NEW_PASSWORD)).toBe(false);
  });

  it('needs approval for another administrator’s password too', async () => {
    const w = await world(h(), 2);
    const third = await addUser(h().db, w.m, { role: 'administrator' });
    const asked = await w.requester.post(`/api/admin/users/${third.id}/password`, {
      password: NEW_PASSWORD,
      version: await versionOf(h(), third.id),
    });
    expect(asked.statusCode).toBe(202);
  });

  it('with one administrator: a leader’s reset proceeds at once, flagged in the audit log, and the leader is told', async () => {
    const w = await world(h(), 1);
    const since = await lastAuditId(h().db);
    const reset = await w.requester.post(`/api/admin/users/${w.leader.id}/password`, {
      password: NEW_PASSWORD,
      version: await versionOf(h(), w.leader.id),
    });
    expect(reset.statusCode).toBe(200);
    expect(await canSignIn(h(), w.leader.username, NEW_PASSWORD)).toBe(true);
    const update = (await auditSince(h().db, w.m.municipality.id, since)).find(
      (r) => r.action === 'update' && r.entity === 'app_user',
    );
    expect(update).toMatchObject({ entity_id: w.leader.id, purpose: 'administration_unapproved' });
    const leader = await h().signIn(w.leader.username, NEW_PASSWORD);
    expect((await leader.get('/api/auth/me')).json().resetNotice).toMatchObject({ what: 'password' });
  });

  it('a team member’s reset proceeds at once as before, with two administrators', async () => {
    const w = await world(h(), 2);
    const since = await lastAuditId(h().db);
    const reset = await w.requester.post(`/api/admin/users/${w.member.id}/password`, {
      password: NEW_PASSWORD,
      version: await versionOf(h(), w.member.id),
    });
    expect(reset.statusCode).toBe(200);
    expect(await canSignIn(h(), w.member.username, NEW_PASSWORD)).toBe(true);
    const update = (await auditSince(h().db, w.m.municipality.id, since)).find(
      (r) => r.action === 'update' && r.entity === 'app_user',
    );
    expect(update).toMatchObject({ purpose: 'administration' });
  });
});
