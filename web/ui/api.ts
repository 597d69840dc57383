import { ApiError, NetworkError, parseRetryAfter, toProblem } from './problem';

/** A JSON client for one app (staff or portal): same-origin cookies plus the CSRF header on writes. */
export interface Api {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body?: unknown): Promise<T>;
  delete<T>(path: string): Promise<T>;
  /** Remembers the token that login and /me return; every later write sends it. */
  setCsrfToken(token: string | undefined): void;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** Creates the client; paths are absolute ("/api/v1/me"). fetchImpl is for tests. */
export function createApi(fetchImpl: typeof fetch = (input, init) => fetch(input, init)): Api {
  let csrfToken: string | undefined;

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers = new Headers({ accept: 'application/json' });
    if (body !== undefined) headers.set('content-type', 'application/json');
    if (csrfToken && !SAFE_METHODS.has(method)) headers.set('x-csrf-token', csrfToken);
    let response: Response;
    try {
      response = await fetchImpl(path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new NetworkError();
    }
    const text = await response.text();
    const parsed: unknown =
      text && (response.headers.get('content-type') ?? '').includes('json') ? safeJson(text) : undefined;
    if (!response.ok) {
      throw new ApiError(
        response.status,
        toProblem(response.status, response.statusText, parsed),
        parseRetryAfter(response.headers.get('retry-after')),
      );
    }
    return parsed as T;
  }

  return {
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body),
    put: (path, body) => request('PUT', path, body),
    patch: (path, body) => request('PATCH', path, body),
    delete: (path) => request('DELETE', path),
    setCsrfToken(token) {
      csrfToken = token;
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
