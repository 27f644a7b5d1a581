import type { Db } from '../../db/client';
import { toOrigin } from '../../shared/admin/origins.contract';
import { allAllowedOrigins } from '../admin/origins.queries';
import type { Config } from '../config';

/** The names of this machine's loopback address: one server, but three origins to a browser. */
const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The origins the installation trusts for unsafe requests, from its settings alone: PUBLIC_URL's
 * origin, the operator's ALLOWED_ORIGINS and — only when PUBLIC_URL was not set and it names this
 * machine — the loopback twins of it on the same port, so `npm start` opened at localhost:3000
 * works as well as at 127.0.0.1:3000. Never anything taken from the request (issue 12, point 4).
 */
export function trustedOrigins(config: Pick<Config, 'publicUrl' | 'publicUrlIsDefault' | 'allowedOrigins'>) {
  const publicUrl = new URL(config.publicUrl);
  const trusted = new Set([publicUrl.origin, ...config.allowedOrigins]);
  if (config.publicUrlIsDefault && LOOPBACK.includes(publicUrl.hostname)) {
    for (const hostname of LOOPBACK) {
      const twin = new URL(publicUrl.origin);
      twin.hostname = hostname;
      trusted.add(twin.origin);
    }
  }
  return trusted;
}

/** How long another instance's change to the listed origins may take to reach this one. */
export const LISTED_ORIGINS_SECONDS = 30;

/**
 * The origins administrators listed (table allowed_origin), read once per LISTED_ORIGINS_SECONDS
 * at most and only when a request comes from an origin the installation does not trust itself:
 * the usual request, from PUBLIC_URL, costs no database round trip. A change on this instance
 * calls forget() after its commit.
 */
export function createListedOrigins(db: Db, seconds = LISTED_ORIGINS_SECONDS) {
  type Listed = { at: number; byMunicipality: Map<string, Set<string>>; any: Set<string> };
  let listed: Listed | undefined;
  let loading: Promise<Listed> | undefined;
  // A load begun before a forget() must not put its stale list back.
  let generation = 0;

  async function load(): Promise<Listed> {
    const started = generation;
    const rows = await allAllowedOrigins(db.kysely);
    const byMunicipality = new Map<string, Set<string>>();
    for (const row of rows) {
      const set = byMunicipality.get(row.municipality_id) ?? new Set<string>();
      set.add(row.origin);
      byMunicipality.set(row.municipality_id, set);
    }
    const fresh = { at: Date.now(), byMunicipality, any: new Set(rows.map((r) => r.origin)) };
    if (started === generation) listed = fresh;
    return fresh;
  }

  async function current(): Promise<Listed> {
    if (listed && Date.now() - listed.at < seconds * 1000) return listed;
    loading ??= load().finally(() => {
      loading = undefined;
    });
    return loading;
  }

  return {
    /**
     * Whether the origin is listed by the municipality of the request's session; without a session
     * (signing in) by any municipality, as it is not known yet whose user is signing in.
     */
    async allows(municipalityId: string | null, origin: string): Promise<boolean> {
      const { byMunicipality, any } = await current();
      return municipalityId === null
        ? any.has(origin)
        : Boolean(byMunicipality.get(municipalityId)?.has(origin));
    },
    forget() {
      generation += 1;
      listed = undefined;
    },
  };
}
export type ListedOrigins = ReturnType<typeof createListedOrigins>;

/**
 * Whether an unsafe request's Origin is one to accept. No Origin header: yes — browsers send one
 * with every cross-origin POST/PUT/PATCH/DELETE (and fetch with same-origin ones), so its absence
 * means a client that is not a browser, which the CSRF token still guards.
 */
export async function originAccepted(
  header: string | undefined,
  trusted: Set<string>,
  listed: ListedOrigins,
  municipalityId: string | null,
): Promise<boolean> {
  if (header === undefined) return true;
  const origin = toOrigin(header);
  if (origin === null) return false;
  return trusted.has(origin) || (await listed.allows(municipalityId, origin));
}
