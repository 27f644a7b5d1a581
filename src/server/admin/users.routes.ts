import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client';
import { Approval } from '../../shared/admin/approvals.contract';
import {
  AdminUser,
  AdminUserList,
  CreateUser,
  ResetPassword,
  SwitchToSso,
  UpdateUser,
  UserParams,
  UserQuery,
  VersionBody,
} from '../../shared/admin/users.contract';
import { Problem } from '../../shared/common/common.contract';
import type { Actor } from '../http/access';
import { AppError, notFound } from '../http/problem';
import { actorOf } from '../plugins/access';
import { audit } from '../plugins/audit';
import { toDepartment } from '../team/org-units';
import { accountAbilities, adminPolicy } from './admin.policy';
import { readApproval } from './approvals.routes';
import { findUser, listUsers } from './users.queries';
import {
  createAccount,
  type Outcome,
  resetSecondFactor,
  setAccountDisabled,
  setAccountPassword,
  switchToSingleSignOn,
  updateAccount,
} from './users.service';

type Row = NonNullable<Awaited<ReturnType<typeof findUser>>>;

function toContract(actor: Actor, r: Row, singleSignOn: boolean): AdminUser {
  const disabled = r.disabled_at !== null;
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    email: r.email,
    workPhone: r.work_phone,
    role: r.role,
    team: r.team_id && r.team_name ? { id: r.team_id, name: r.team_name } : null,
    department: r.department_id ? toDepartment(r.department_id, r.department_code, r.department_name) : null,
    status: disabled ? 'disabled' : 'active',
    hasPassword: r.has_password,
    sso: r.has_oidc_subject || !r.has_password,
    secondFactor: r.has_totp,
    locked: r.locked,
    createdAt: r.created_at.toISOString(),
    version: r.version,
    pairFamilies: Number(r.pair_families),
    abilities: accountAbilities(actor, { id: r.id, disabled, hasPassword: r.has_password }, { singleSignOn }),
  };
}

/**
 * Accounts of the administrator's municipality (DESIGN.md §6: administrators manage users but do
 * not read case content). Reading them is audited too: names and e-mail addresses are personal data.
 */
export const usersRoutes: FastifyPluginAsyncZod<{ db: Db; singleSignOn: boolean }> = async (
  app,
  { db, singleSignOn },
) => {
  const k = db.kysely;
  const tags = ['admin'];
  const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
  const access = { access: adminPolicy.users };
  /**
   * The schema of a change to one account that may wait for a second administrator: done (200,
   * the account) or waiting (202, the approval), see answer().
   */
  const approvable = (summary: string) => ({
    tags,
    summary,
    params: UserParams,
    response: { 200: AdminUser, 202: Approval, ...errors },
  });

  /**
   * The account as it is now. A read is audited with it in one transaction; after a write the
   * write's own audit record covers what the administrator is shown back.
   */
  async function readBack(actor: Actor, userId: string, auditRead = false) {
    return k.transaction().execute(async (trx) => {
      const row = await findUser(trx, actor.municipalityId, userId, new Date());
      if (!row) throw notFound();
      if (auditRead) {
        await audit(trx, actor, {
          action: 'read',
          entity: 'app_user',
          entityId: userId,
          purpose: 'administration',
        });
      }
      return toContract(actor, row, singleSignOn);
    });
  }

  // A POST, so staff names searched for stay out of URLs and access logs (decision 0008).
  app.post(
    '/admin/users/search',
    {
      config: access,
      schema: {
        tags,
        summary: 'Search the municipality’s accounts',
        body: UserQuery,
        response: { 200: AdminUserList, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const query = request.body;
      const now = new Date();
      return k.transaction().execute(async (trx) => {
        const rows = await listUsers(trx, actor.municipalityId, query, now);
        // Past the last page no row carries count(*) over (): count from the first page instead.
        const counted =
          rows.length || query.page === 1
            ? rows
            : await listUsers(trx, actor.municipalityId, { ...query, page: 1, pageSize: 1 }, now);
        await audit(trx, actor, {
          action: 'list',
          entity: 'app_user',
          fields: Object.keys(query).filter((key) => key !== 'q' || query.q),
          purpose: 'administration',
        });
        return {
          items: rows.map((r) => toContract(actor, r, singleSignOn)),
          total: Number(counted[0]?.total ?? 0),
          page: query.page,
          pageSize: query.pageSize,
        };
      });
    },
  );

  app.post(
    '/admin/users',
    {
      config: access,
      schema: {
        tags,
        summary: 'Create an account (with a password, or for single sign-on only)',
        body: CreateUser,
        response: { 201: AdminUser, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await createAccount(k, actor, request.body);
      reply.status(201);
      return readBack(actor, id);
    },
  );

  app.get(
    '/admin/users/:userId',
    {
      config: access,
      schema: { tags, summary: 'One account', params: UserParams, response: { 200: AdminUser, ...errors } },
    },
    async (request) => readBack(actorOf(request), request.params.userId, true),
  );

  app.patch(
    '/admin/users/:userId',
    {
      config: access,
      schema: {
        tags,
        summary: 'Change name, e-mail, role, team or department',
        params: UserParams,
        body: UpdateUser,
        response: { 200: AdminUser, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await updateAccount(k, actor, request.params.userId, request.body);
      // Committed, with its session event: this instance forgets the account's sessions now.
      app.sessionCache.forgetUser(request.params.userId);
      return readBack(actor, request.params.userId);
    },
  );

  for (const [path, disabled, summary] of [
    ['disable', true, 'Disable the account: its sessions end at once'],
    ['enable', false, 'Enable the account again (and lift a lockout)'],
  ] as const) {
    app.post(
      `/admin/users/:userId/${path}`,
      {
        config: access,
        schema: {
          tags,
          summary,
          params: UserParams,
          body: VersionBody,
          response: { 200: AdminUser, ...errors },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await setAccountDisabled(k, actor, request.params.userId, request.body.version, disabled);
        // Committed, with its session event: this instance forgets the account's sessions now.
        app.sessionCache.forgetUser(request.params.userId);
        return readBack(actor, request.params.userId);
      },
    );
  }

  /**
   * A reset done (200, the account as it is now) or waiting for a second administrator (202, the
   * approval: a leader's or administrator's account, decision 0025).
   */
  async function answer(actor: Actor, userId: string, outcome: Outcome, reply: FastifyReply) {
    if ('pending' in outcome) {
      reply.status(202);
      return readApproval(k, actor, outcome.pending);
    }
    // Committed, with its session event: this instance forgets the account's sessions now.
    app.sessionCache.forgetUser(userId);
    return readBack(actor, userId);
  }

  app.post(
    '/admin/users/:userId/password',
    {
      config: access,
      schema: {
        ...approvable('Set a new password: lifts a lockout and ends the account’s sessions'),
        body: ResetPassword,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const outcome = await setAccountPassword(
        k,
        actor,
        request.params.userId,
        request.body.version,
        request.body.password,
      );
      return answer(actor, request.params.userId, outcome, reply);
    },
  );

  app.post(
    '/admin/users/:userId/second-factor/reset',
    {
      config: access,
      schema: {
        ...approvable('Forget the second factor: the next sign-in sets up a new one'),
        body: VersionBody,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const outcome = await resetSecondFactor(k, actor, request.params.userId, request.body.version);
      return answer(actor, request.params.userId, outcome, reply);
    },
  );

  app.post(
    '/admin/users/:userId/single-sign-on',
    {
      config: access,
      schema: {
        ...approvable('Move a password account to single sign-on: password and second factor are forgotten'),
        body: SwitchToSso,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      // Without a provider the account would have no way in at all.
      if (!singleSignOn) throw new AppError(400, 'problems.singleSignOnNotConfigured');
      const { version, oidcSubject } = request.body;
      const outcome = await switchToSingleSignOn(k, actor, request.params.userId, version, oidcSubject);
      return answer(actor, request.params.userId, outcome, reply);
    },
  );
};
