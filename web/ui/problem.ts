/** An RFC 9457 problem answer as the API sends it (API.md "General"). */
export interface ProblemBody {
  /** Stable slug path, e.g. "/problems/invalid-credentials". */
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** For 400 answers: each invalid field, e.g. { field: "body.email", message: "…" }. */
  errors?: { field: string; message: string }[];
}

/** A failed API call: the HTTP status, the parsed problem and the Retry-After header when sent. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: ProblemBody,
    /** Seconds to wait before retrying (from Retry-After), when the server said so. */
    readonly retryAfterSeconds?: number,
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }

  /** True when the problem has this slug ("invalid-credentials" matches "/problems/invalid-credentials"). */
  is(slug: string): boolean {
    return this.problem.type === `/problems/${slug}`;
  }
}

/** The browser could not reach the server at all (offline, server down). */
export class NetworkError extends Error {
  constructor() {
    super('Cannot reach the server. Check your connection and try again.');
    this.name = 'NetworkError';
  }
}

/** Retry-After as whole seconds; accepts delta-seconds or an HTTP date, ignores anything else. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** Builds the problem for an answer: the JSON problem body when there is one, a generic one otherwise. */
export function toProblem(status: number, statusText: string, body: unknown): ProblemBody {
  if (body && typeof body === 'object' && typeof (body as ProblemBody).type === 'string') {
    return { ...(body as ProblemBody), status };
  }
  return { type: 'about:blank', title: statusText || `HTTP ${status}`, status };
}

/** A sentence for the user about any failed call. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429 && error.retryAfterSeconds !== undefined) {
      return `Too many attempts. Try again in ${plural(error.retryAfterSeconds, 'second')}.`;
    }
    return error.problem.detail ?? error.problem.title;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

/** "1 second", "5 seconds". */
export function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
