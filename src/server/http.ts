// Helpers every routes.ts uses: the typed app, request metadata, and the error-to-HTTP mapping.
import type {
  FastifyBaseLogger,
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import { hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RequestMeta } from './context';
import { AppError, type ErrorCode, type Locale, messageFor, pickLocale } from './errors';
import { describeIssue, fieldOf } from './validation';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export function localeOf(request: FastifyRequest): Locale {
  const header = request.headers['accept-language'];
  return pickLocale(Array.isArray(header) ? header[0] : header, request.actor?.locale);
}

export function metaOf(request: FastifyRequest): RequestMeta & { userAgent: string | null } {
  return {
    ip: request.ip ?? null,
    locale: localeOf(request),
    userAgent: request.headers['user-agent'] ?? null,
  };
}

/** The error body every failing call returns; the web app shows `message` and marks `fields`. */
export const errorBody = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  details: z.unknown().optional(),
});

/**
 * Races the database settled for us: a unique violation (two creators of one thing), a foreign key
 * that vanished or gained a dependant while we wrote (services check references first, so only a
 * race gets here), and on PostgreSQL a deadlock (40P01) or serialization failure (40001) between
 * transactions that lock in different orders. Each loser's work was rolled back whole, so
 * "reload and try again" is true.
 */
function isLostRace(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    code === '23505' ||
    code === '23503' ||
    code === '40P01' ||
    code === '40001' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_FOREIGNKEY' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

export function handleError(
  error: FastifyError | AppError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const locale = localeOf(request);
  if (error instanceof AppError) {
    if (error.status >= 500) request.log.error({ err: error }, 'app error');
    return reply.status(error.status).send({
      code: error.code,
      message: messageFor(error.code, error.params, locale),
      ...(error.details !== undefined ? { details: error.details } : {}),
    });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as FastifyError).validationContext;
    // One message per field: the first problem is the one to fix first.
    const fields = new Map<string, string>();
    for (const issue of error.validation) {
      const field = fieldOf(issue as never, context);
      if (!fields.has(field)) {
        fields.set(
          field,
          describeIssue(
            { ...(issue.params as object), message: issue.message, keyword: issue.keyword } as never,
            locale,
          ),
        );
      }
    }
    return reply.status(400).send({
      code: 'VALIDATION_FAILED',
      message: messageFor('VALIDATION_FAILED', {}, locale),
      fields: [...fields].map(([field, message]) => ({ field, message })),
    });
  }
  // Two requests racing for the same unique value: the database refused the second.
  if (isLostRace(error)) {
    return reply.status(409).send({ code: 'CONFLICT', message: messageFor('CONFLICT', {}, locale) });
  }
  const status = (error as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    const code: ErrorCode =
      status === 413
        ? 'PAYLOAD_TOO_LARGE'
        : status === 404
          ? 'NOT_FOUND'
          : status === 406 || status === 415
            ? 'UNSUPPORTED_REQUEST'
            : 'VALIDATION_FAILED';
    return reply.status(status).send({
      code,
      message: messageFor(code, {}, locale),
      ...(code === 'VALIDATION_FAILED'
        ? {
            fields: [
              {
                field: 'body',
                message: locale === 'en' ? 'Not valid JSON or form data' : '请求内容格式不正确',
              },
            ],
          }
        : {}),
    });
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.status(500).send({ code: 'INTERNAL', message: messageFor('INTERNAL', {}, locale) });
}

/** Standard error responses, so the OpenAPI document lists them for every route. */
export const errorResponses = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  422: errorBody,
  429: errorBody,
};
