import type { FastifyInstance } from 'fastify';
import * as client from 'openid-client';
import { z } from 'zod';
import type { Db } from '../../db/client';
import type { Config } from '../config';
import { audit } from '../plugins/audit';
import { clearFailedLogins, findUserByOidcSubject, linkOidcSubject } from './auth.queries';
import { auditSignIn, endSession, startSession } from './session';

const FLOW_COOKIE = 'staircase_oidc';

/**
 * OpenID Connect single sign-on (authorization code + PKCE) with the municipality's identity
 * provider. A staff member is found by the provider's subject; an account made for single
 * sign-on only (no password) and not yet linked is found at its first sign-in by a username
 * equal to the provider's preferred_username, and the subject is linked (decision 0004).
 * Locked and disabled accounts are refused; every refusal of a known account is audited.
 * The provider has done the second factor, so the session is fully signed in.
 */
export async function registerOidcRoutes(
  app: FastifyInstance,
  db: Db,
  config: Config,
  oidc: NonNullable<Config['oidc']>,
) {
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = () => {
    discovered ??= client
      .discovery(
        new URL(oidc.issuer),
        oidc.clientId,
        oidc.clientSecret || undefined,
        undefined,
        oidc.issuer.startsWith('http:') ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((error) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };
  const cookieOptions = {
    path: '/api/auth/oidc',
    httpOnly: true,
    secure: config.secureCookies,
    // Lax: the identity provider's redirect back to us is a cross-site top-level navigation.
    sameSite: 'lax' as const,
    signed: true,
    maxAge: 600,
  };

  app.get(
    '/oidc/start',
    { config: { access: 'public' }, schema: { tags: ['auth'], hide: true } },
    async (_request, reply) => {
      const cfg = await configuration();
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(cfg, {
        redirect_uri: oidc.redirectUri,
        scope: oidc.scope,
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      reply.setCookie(FLOW_COOKIE, JSON.stringify({ verifier, state, nonce }), cookieOptions);
      return reply.redirect(url.href);
    },
  );

  app.get(
    '/oidc/callback',
    {
      config: { access: 'public' },
      // The provider's answer (code, state, iss, or error and its description — and extensions
      // a provider may add): read and checked by openid-client from the whole address, so the
      // strict default of every other route (http/strict-input.ts) would refuse valid answers.
      schema: { tags: ['auth'], hide: true, querystring: z.looseObject({}) },
    },
    async (request, reply) => {
      const raw = request.cookies[FLOW_COOKIE];
      const unsigned = raw ? request.unsignCookie(raw) : null;
      reply.clearCookie(FLOW_COOKIE, { path: cookieOptions.path });
      const fail = () => reply.redirect('/login?sso=failed');
      if (!unsigned?.valid || !unsigned.value) return fail();
      const flow = JSON.parse(unsigned.value) as { verifier: string; state: string; nonce: string };
      let claims: client.IDToken | undefined;
      let username: string | undefined;
      try {
        const cfg = await configuration();
        const currentUrl = new URL(request.url, oidc.redirectUri);
        const tokens = await client.authorizationCodeGrant(cfg, currentUrl, {
          pkceCodeVerifier: flow.verifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        claims = tokens.claims();
        if (!claims) return fail();
        username = typeof claims.preferred_username === 'string' ? claims.preferred_username : undefined;
        // In the code flow a conforming provider gives profile claims (preferred_username) at the
        // userinfo endpoint, not in the ID token (OIDC Core 5.4): ask there when the token lacks it.
        if (!username) {
          const info = await client.fetchUserInfo(cfg, tokens.access_token, claims.sub);
          username = typeof info.preferred_username === 'string' ? info.preferred_username : undefined;
        }
      } catch (error) {
        request.log.warn(
          { err: { name: (error as Error).name, code: (error as { code?: string }).code } },
          'oidc failed',
        );
        return fail();
      }
      const subject = claims.sub;
      const user = await findUserByOidcSubject(db.kysely, subject, username);
      // Nothing to record against (an unknown account has no municipality); the log says why.
      if (!user) return fail();
      const now = new Date();
      const locked = Boolean(user.locked_until && user.locked_until > now);
      // Found by username: only an account made for single sign-on, not yet linked, may be
      // linked. One with a password (and perhaps TOTP, an administrator's too) must already
      // carry this subject — else whoever can choose a preferred_username at the provider
      // would take it over.
      const linked = user.oidc_subject === subject;
      const linkable = !linked && user.oidc_subject === null && !user.has_password;
      const refuse = async () => {
        await db.kysely.transaction().execute((trx) =>
          audit(
            trx,
            { userId: null, municipalityId: user.municipality_id, role: null },
            {
              action: 'sign_in_failed',
              entity: 'app_user',
              entityId: user.id,
              purpose: locked ? 'account_locked' : 'oidc',
            },
          ),
        );
        return fail();
      };
      if ((!linked && !linkable) || locked || user.disabled_at) return refuse();
      const signedIn = await db.kysely.transaction().execute(async (trx) => {
        if (!linked && !(await linkOidcSubject(trx, user, subject))) return false;
        await clearFailedLogins(trx, user);
        await endSession(trx, request, reply);
        await startSession(trx, reply, config, user, { stage: 'done', verifiedBy: 'sso' });
        await auditSignIn(trx, user, 'oidc');
        return true;
      });
      // Another subject linked it a moment ago.
      if (!signedIn) return refuse();
      return reply.redirect('/');
    },
  );
}
