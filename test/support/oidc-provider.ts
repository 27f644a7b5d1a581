import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
// oidc-provider ships no type declarations; the little of it used here is typed below.
// @ts-expect-error TS7016: no declaration file for 'oidc-provider'
import Provider from 'oidc-provider';
import type { Config } from '../../src/server/config';

interface ProviderInstance {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
}
type ProviderClass = new (issuer: string, configuration: object) => ProviderInstance;

export interface AccountClaims {
  preferred_username?: string;
  name?: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** What the provider says about `sub` from now on (any login not set has only its subject). */
  setAccount(sub: string, claims: AccountClaims): void;
  close(): Promise<void>;
}

/**
 * A real OpenID provider (the certified `oidc-provider` package) on a free local port: one
 * confidential client, authorization code flow with PKCE required, and the package's built-in
 * development login and consent pages (any login name is accepted as the subject).
 */
export async function startOidcProvider(options: {
  redirectUris: string[];
  /**
   * Put profile claims (preferred_username) in the ID token, as many providers do. Off by default:
   * in the code flow the spec (OIDC Core 5.4) has them at the userinfo endpoint only.
   */
  profileInIdToken?: boolean;
}): Promise<TestOidcProvider> {
  const accounts = new Map<string, AccountClaims>();
  const clientId = 'staircase-test';
  const clientSecret = 'a-test-only-client-secret-of-some-length';

  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer((req, res) => {
    if (handler) handler(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new (Provider as ProviderClass)(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        // openid-client's default for a client with a secret.
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    conformIdTokenClaims: !options.profileInIdToken,
    features: { devInteractions: { enabled: true } },
    claims: { openid: ['sub'], profile: ['preferred_username', 'name'] },
    cookies: { keys: ['a-test-only-cookie-signing-key'] },
    async findAccount(_ctx: unknown, sub: string) {
      return {
        accountId: sub,
        async claims() {
          return { sub, ...accounts.get(sub) };
        },
      };
    },
  });
  handler = provider.callback();

  return {
    issuer,
    clientId,
    clientSecret,
    setAccount(sub, claims) {
      accounts.set(sub, claims);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A minimal browser for plain `fetch`: follows nothing by itself, keeps cookies per origin
 * (honouring Path and removal), and can submit the provider's development forms.
 */
export class CookieBrowser {
  private readonly jar = new Map<string, Map<string, { value: string; path: string }>>();

  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(origin)?.get(name)?.value;
  }

  async fetch(
    url: string | URL,
    init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
  ) {
    const target = new URL(url);
    const cookies = [...(this.jar.get(target.origin)?.entries() ?? [])]
      .filter(([, c]) => target.pathname.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
    const response = await fetch(target, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      redirect: 'manual',
      headers: {
        ...(cookies ? { cookie: cookies } : {}),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...init.headers,
      },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    this.store(target, response.headers.getSetCookie());
    const location = response.headers.get('location');
    return {
      status: response.status,
      location: location ? new URL(location, target) : undefined,
      text: () => response.text(),
    };
  }

  private store(target: URL, lines: string[]) {
    const jar = this.jar.get(target.origin) ?? new Map<string, { value: string; path: string }>();
    this.jar.set(target.origin, jar);
    for (const line of lines) {
      const [pair = '', ...attributes] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const attr = (key: string) =>
        attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const expires = attr('expires');
      const removed =
        value === '' ||
        attr('max-age') === '0' ||
        (expires !== undefined && Date.parse(expires) <= Date.now());
      if (removed) jar.delete(name);
      else jar.set(name, { value, path: attr('path') ?? '/' });
    }
  }
}

/**
 * A single sign-on provider configured but never reached (port 9 answers nothing): enough for
 * an installation that lets accounts be moved to single sign-on, in tests that never sign in
 * through it (that is startOidcProvider's).
 */
export const unreachableOidc = {
  issuer: 'http://127.0.0.1:9/',
  clientId: 'staircase',
  clientSecret: '',
  redirectUri: 'http://127.0.0.1:3000/api/auth/oidc/callback',
  scope: 'openid',
} satisfies NonNullable<Config['oidc']>;
