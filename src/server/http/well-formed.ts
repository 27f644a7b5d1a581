import type { FastifyInstance } from 'fastify';
import { isWellFormedText } from '../../shared/common/text';
import { fieldError } from './problem';

/**
 * The dotted path of the first string in `value` that is not well-formed Unicode, or null. Runs on
 * every request's input, so the path is built only for the string found, not for each one walked.
 */
export function firstMalformed(value: unknown): string | null {
  const found = malformedPath(value);
  return found === null ? null : found.reverse().join('.');
}

/** The path of the first ill-formed string, innermost segment first; null when there is none. */
function malformedPath(value: unknown): string[] | null {
  if (typeof value === 'string') return isWellFormedText(value) ? null : [];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = malformedPath(value[i]);
      if (found !== null) {
        found.push(String(i));
        return found;
      }
    }
  } else if (value && typeof value === 'object') {
    for (const key in value) {
      const found = malformedPath((value as Record<string, unknown>)[key]);
      if (found !== null) {
        found.push(key);
        return found;
      }
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
