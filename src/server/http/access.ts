import type { Role } from '../../shared/auth/auth.contract';

/** Who is asking: the signed-in staff member, as every policy sees them. */
export interface Actor {
  userId: string;
  municipalityId: string;
  role: Role;
  teamId: string | null;
  displayName: string;
}

/**
 * A role-level rule an area's policy module exports for a route: "may this actor use this
 * route at all?". Relationship checks (pair, team, break-glass) follow in the route with the
 * record at hand.
 */
export interface RoutePolicy {
  name: string;
  allows(actor: Actor): boolean;
}

/**
 * Every /api route declares its access in `config.access`; the app refuses to start with a
 * route that does not (see plugins/access.ts), so no route can be added without a policy.
 * - 'public': no session (sign-in, configuration);
 * - 'partial': a session still between password and second factor;
 * - a RoutePolicy: a fully signed-in session whose actor the policy allows.
 */
export type Access = 'public' | 'partial' | RoutePolicy;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /**
     * Why an allowed call of this route leaves no audit record (it reads or changes no personal
     * data). The authorization matrix checks that every other route's allowed calls leave one.
     */
    unaudited?: string;
  }
}
