import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '../../db/errors';
import type { Locale } from '../../shared/common/common.contract';
import { type IssueLike, issueField, issueKey } from '../../shared/common/issues';
import { translate } from '../../shared/i18n';

export interface FieldError {
  field: string;
  key: string;
}

/**
 * An error the user can act on. `titleKey` and each field's `key` are i18n keys, translated
 * into the user's language when the problem document is written.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly titleKey: string,
    readonly fields: FieldError[] = [],
    readonly type = titleKey.replace(/^problems\./, '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
  ) {
    super(titleKey);
  }
}

export const notFound = () => new AppError(404, 'problems.notFound');
export const forbidden = () => new AppError(403, 'problems.forbidden');
export const unauthenticated = (key = 'problems.unauthenticated') => new AppError(401, key);
export const fieldError = (field: string, key: string, status = 400) =>
  new AppError(status, status === 409 ? 'problems.conflict' : 'problems.validation', [{ field, key }]);

/** Someone saved the record since the writer loaded it: 409 on `version`, theirs is not overwritten unseen. */
export const versionConflict = () => fieldError('version', 'errors.versionConflict', 409);

/**
 * The row a versioned edit loaded (and locked), at the version the writer saw: 404 when there is
 * none, 409 when it has moved on. Every edit of a versioned record checks this before it writes.
 */
export function atVersion<T extends { version: number }>(row: T | undefined, seen: number): T {
  if (!row) throw notFound();
  if (row.version !== seen) throw versionConflict();
  return row;
}

const typeBase = '/problems/';

function send(
  reply: FastifyReply,
  locale: Locale,
  status: number,
  type: string,
  titleKey: string,
  fields: FieldError[],
) {
  const body = {
    type: `${typeBase}${type}`,
    title: translate(locale, titleKey),
    status,
    ...(fields.length
      ? {
          errors: fields.map((f) => ({ field: f.field, code: f.key, message: translate(locale, f.key) })),
        }
      : {}),
  };
  return reply.status(status).type('application/problem+json').send(body);
}

/** Turns every failure into application/problem+json in the user's language; logs no personal data. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const locale = request.locale ?? 'da';
  if (error instanceof AppError) {
    return send(reply, locale, error.status, error.type, error.titleKey, error.fields);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = error.validation.map((v) => {
      const issue: IssueLike & { keys?: string[] } = {
        code: v.keyword,
        message: v.message ?? '',
        path: v.instancePath.split('/').filter(Boolean),
        keys: (v.params as { keys?: string[] }).keys,
        origin: (v.params as { origin?: string }).origin,
      };
      return { field: issueField(issue), key: issueKey(issue) };
    });
    return send(reply, locale, 400, 'validation', 'problems.validation', fields);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return send(reply, locale, 415, 'unsupported-media-type', 'problems.unsupportedMediaType', []);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return send(reply, locale, 413, 'payload-too-large', 'problems.payloadTooLarge', []);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return send(reply, locale, 400, 'bad-json', 'problems.badJson', []);
  }
  if (error.statusCode === 429)
    return send(reply, locale, 429, 'too-many-requests', 'problems.tooManyRequests', []);
  if (error instanceof SyntaxError) return send(reply, locale, 400, 'bad-json', 'problems.badJson', []);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return send(reply, locale, error.statusCode, 'bad-request', 'problems.validation', []);
  }
  // Database errors carry the offending values in `detail`: log only what names the failure.
  if (isDatabaseUnavailable(error)) {
    request.log.warn({ err: { name: error.name, code: error.code } }, 'database unavailable');
    reply.header('retry-after', '5');
    return send(reply, locale, 503, 'unavailable', 'problems.unavailable', []);
  }
  const pgError = error as FastifyError & { constraint?: string; table?: string };
  request.log.error(
    { err: { name: error.name, code: error.code, constraint: pgError.constraint, table: pgError.table } },
    'request failed',
  );
  return send(reply, locale, 500, 'internal', 'problems.internal', []);
}
