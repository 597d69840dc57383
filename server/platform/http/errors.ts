import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '../db/unavailable';
import { describeError } from '../log/describe-error';
import { badRequest, type FieldError, Problem, serviceUnavailable } from './problem';

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

function fieldOf(location: string | undefined, instancePath: string, missingProperty?: unknown): string {
  // Fastify calls the query string "querystring"; fields are named "query.<name>" as FieldError documents.
  const where = location === 'querystring' ? 'query' : (location ?? 'body');
  const parts = [where, ...instancePath.split('/').filter(Boolean)];
  if (typeof missingProperty === 'string') parts.push(missingProperty);
  return parts.join('.');
}

// Fastify's own errors that are the client's fault, mapped to problem answers.
const frameworkProblems: Record<string, (e: FastifyError) => Problem> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () =>
    new Problem(413, 'too-large', 'Payload too large', 'The body is too large.'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
    new Problem(415, 'unsupported-media-type', 'Unsupported media type', 'Send application/json.'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () =>
    badRequest([{ field: 'body', message: 'must not be empty' }], 'The JSON body is empty.'),
  FST_ERR_CTP_INVALID_JSON_BODY: () =>
    badRequest([{ field: 'body', message: 'is not valid JSON' }], 'The body is not valid JSON.'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () =>
    badRequest([{ field: 'body', message: 'content-length does not match' }]),
};

/** Renders every error as an RFC 9457 problem; unknown errors become a 500 without internals. */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let problem: Problem;
    if (error instanceof Problem) {
      problem = error;
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      const errors: FieldError[] = error.validation.flatMap((v) => {
        const params = v.params as { missingProperty?: unknown; keys?: unknown };
        // One error per unknown name, each naming it (e.g. query.cursor), not one for the whole object.
        if (v.keyword === 'unrecognized_keys' && Array.isArray(params.keys))
          return params.keys.map((key) => ({
            field: fieldOf(error.validationContext, v.instancePath, String(key)),
            message:
              error.validationContext === 'querystring' ? 'is not a known parameter' : 'is not a known field',
          }));
        return [
          {
            field: fieldOf(error.validationContext, v.instancePath, params.missingProperty),
            message: v.message ?? 'is invalid',
          },
        ];
      });
      problem = badRequest(errors, errors.map((e) => `${e.field}: ${e.message}`).join('; '));
    } else if (error.validation) {
      const errors = error.validation.map((v) => ({
        field: fieldOf(error.validationContext, v.instancePath),
        message: v.message ?? 'is invalid',
      }));
      problem = badRequest(errors);
    } else if (error.code && frameworkProblems[error.code]) {
      problem = (frameworkProblems[error.code] as (e: FastifyError) => Problem)(error);
    } else if (error.statusCode === 429) {
      problem = new Problem(429, 'rate-limited', 'Too many requests', 'Slow down and try again later.');
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      problem = new Problem(
        error.statusCode,
        'bad-request',
        'Bad request',
        'The request could not be processed.',
      );
    } else if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: describeError(error) }, 'database unavailable');
      problem = serviceUnavailable();
    } else {
      // Never the message: a failed query's message holds its parameters (hashes, addresses, phones).
      request.log.error({ err: describeError(error) }, 'request failed');
      problem = new Problem(500, 'internal', 'Internal server error', 'Something went wrong on our side.');
    }
    if (problem.headers) reply.headers(problem.headers);
    return reply.status(problem.status).type(PROBLEM_JSON).send(JSON.stringify(problem.toJSON()));
  });

  app.setNotFoundHandler((request, reply) => {
    const problem = new Problem(
      404,
      'not-found',
      'Not found',
      `No route ${request.method} ${request.url.split('?')[0]}.`,
    );
    return reply.status(404).type(PROBLEM_JSON).send(JSON.stringify(problem.toJSON()));
  });
}
