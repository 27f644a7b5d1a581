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
export function addressFailureGate(options: {
  max: number;
  windowMs: number;
  now?: () => number;
  /** Told once per address and window, at its first refusal (a log line, say). */
  onLimit?: (request: FastifyRequest) => void;
}) {
  const now = options.now ?? Date.now;
  const failures = new Map<string, { count: number; resetAt: number; told?: boolean }>();

  const current = (address: string) => {
    const entry = failures.get(address);
    if (entry && entry.resetAt <= now()) {
      failures.delete(address);
      return undefined;
    }
    return entry;
  };

  // The requests whose attempt check() counted: only those give one back.
  const claimed = new WeakSet<FastifyRequest>();

  return {
    /**
     * preHandler: refuses an address that has failed too often, before any password is checked,
     * and counts this attempt as a failure until it is known not to be one. Counting after the
     * answer let every request of a burst through the check (80 at once: 38 checked, not 30).
     */
    async check(request: FastifyRequest, reply: FastifyReply) {
      const entry = current(request.ip);
      if (entry && entry.count >= options.max) {
        if (!entry.told) {
          entry.told = true;
          options.onLimit?.(request);
        }
        reply.header('retry-after', String(Math.ceil((entry.resetAt - now()) / 1000)));
        throw new AppError(429, 'problems.tooManyRequests', [], 'too-many-requests');
      }
      if (entry) entry.count += 1;
      else failures.set(request.ip, { count: 1, resetAt: now() + options.windowMs });
      claimed.add(request);
      if (failures.size > 10_000) for (const address of [...failures.keys()]) current(address);
    },
    /** onResponse: an attempt that was not refused (401) gives its count back. */
    async record(request: FastifyRequest, reply: FastifyReply) {
      if (!claimed.has(request) || reply.statusCode === 401) return;
      const entry = current(request.ip);
      if (entry && entry.count > 0) entry.count -= 1;
    },
  };
}
