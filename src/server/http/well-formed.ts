import type { FastifyInstance } from 'fastify';
import { isWellFormedText } from '../../shared/common/text';
import { fieldError } from './problem';

/** The dotted path of the first string in `value` that is not well-formed Unicode, or null. */
export function firstMalformed(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return isWellFormedText(value) ? null : path.join('.');
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = firstMalformed(item, [...path, String(i)]);
      if (found !== null) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = firstMalformed(item, [...path, key]);
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * The contracts' text types refuse a lone surrogate with the field's own message (text.ts). This
 * is the net under them: input that reaches a handler with one anyway — a field declared as a
 * plain string, a header-borne value, a route without a contract — is a 400 naming the field,
 * never PostgreSQL's 22P02 (a jsonb history entry) answered as a 500, nor a U+FFFD stored in its
 * place (a text column). It runs after validation, so it sees what the handler will see.
 */
export function registerWellFormedInput(app: FastifyInstance) {
  app.addHook('preHandler', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const field = firstMalformed(part);
      if (field !== null) throw fieldError(field, 'errors.malformedText');
    }
  });
}
