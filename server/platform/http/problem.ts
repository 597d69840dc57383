/** One invalid field of a request: where it is and what is wrong. */
export interface FieldError {
  /** Location and path, e.g. "body.phones.0.number" or "query.limit". */
  field: string;
  message: string;
}

/** An RFC 9457 problem answer; throw it from a use case or route and the error handler renders it. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    /** Stable machine-readable slug; rendered as type "/problems/<slug>". */
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
    this.name = 'Problem';
  }

  toJSON() {
    return {
      type: `/problems/${this.slug}`,
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

export const badRequest = (errors: FieldError[], detail = 'The request has invalid fields.') =>
  new Problem(400, 'validation', 'Invalid request', detail, errors);
/** One bad field. */
export const invalidField = (field: string, message: string) =>
  badRequest([{ field, message }], `${field}: ${message}`);
export const unauthorized = (detail = 'Sign in to continue.') =>
  new Problem(401, 'unauthorized', 'Not signed in', detail);
export const forbidden = (detail = 'You are not allowed to do this.') =>
  new Problem(403, 'forbidden', 'Forbidden', detail);
export const notFound = (what = 'resource') => new Problem(404, 'not-found', 'Not found', `No such ${what}.`);
export const conflict = (slug: string, detail: string) => new Problem(409, slug, 'Conflict', detail);
export const unprocessable = (slug: string, detail: string) =>
  new Problem(422, slug, 'Not allowed by a business rule', detail);
/** The database (or another service the request needs) cannot be reached right now; retry shortly. */
export const serviceUnavailable = (retryAfterSeconds = 5) =>
  new Problem(503, 'unavailable', 'Service unavailable', 'Try again in a few seconds.', undefined, {
    'retry-after': String(retryAfterSeconds),
  });
export const tooManyRequests = (retryAfterSeconds: number, detail = 'Too many attempts; try again later.') =>
  new Problem(429, 'rate-limited', 'Too many requests', detail, undefined, {
    'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))),
  });
