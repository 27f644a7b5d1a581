import type { RoutePolicy } from '../http/access';

/** Anyone fully signed in may manage their own session and preferences. */
export const signedIn: RoutePolicy = { name: 'auth.signedIn', allows: () => true };
