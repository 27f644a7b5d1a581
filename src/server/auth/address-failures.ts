import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../http/problem';

/**
 * Failed sign-ins per network address: after `max` failures in `windowMs` the address is refused
 * (429) until its window ends. Only failures count — a town hall's staff behind one address all
 * signing in at 8 o'clock must not lock each other out, as a limit on every request did. Spraying
 * one password over many usernames from one address is what this stops; the account lock
 * (countFailure) stops guessing at one account from many. In memory, per instance, like the
 * request limit beside it: a restart forgets the counts.
 */
export function addressFailureGate(options: { max: number; windowMs: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const failures = new Map<string, { count: number; resetAt: number }>();

  const current = (address: string) => {
    const entry = failures.get(address);
    if (entry && entry.resetAt <= now()) {
      failures.delete(address);
      return undefined;
    }
    return entry;
  };

  return {
    /** preHandler: refuses an address that has failed too often, before any password is checked. */
    async check(request: FastifyRequest, reply: FastifyReply) {
      const entry = current(request.ip);
      if (entry && entry.count >= options.max) {
        reply.header('retry-after', String(Math.ceil((entry.resetAt - now()) / 1000)));
        throw new AppError(429, 'problems.tooManyRequests', [], 'too-many-requests');
      }
    },
    /** onResponse: a refused sign-in (401) counts against its address. */
    async record(request: FastifyRequest, reply: FastifyReply) {
      if (reply.statusCode !== 401) return;
      const entry = current(request.ip);
      if (entry) entry.count += 1;
      else failures.set(request.ip, { count: 1, resetAt: now() + options.windowMs });
      if (failures.size > 10_000) for (const address of [...failures.keys()]) current(address);
    },
  };
}
