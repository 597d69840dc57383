import { describe, expect, it } from 'vitest';
import { createApi } from './api';
import { ApiError, NetworkError } from './problem';

/** A fetch that records requests and answers with the given response. */
function fakeFetch(answer: () => Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  const impl = (async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    return answer();
  }) as typeof fetch;
  return { calls, impl };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('createApi', () => {
  it('sends the CSRF token on writes only, once it is known', async () => {
    const f = fakeFetch(() => json(200, {}));
    const api = createApi(f.impl);
    await api.post('/api/v1/auth/login', { email: 'a@b.c' });
    api.setCsrfToken('tok');
    await api.get('/api/v1/me');
    await api.post('/api/v1/auth/logout');
    await api.delete('/api/v1/x');
    const header = (i: number) => new Headers(f.calls[i]?.init.headers).get('x-csrf-token');
    expect([header(0), header(1), header(2), header(3)]).toEqual([null, null, 'tok', 'tok']);
    expect(f.calls[0]?.init.body).toBe('{"email":"a@b.c"}');
    expect(new Headers(f.calls[0]?.init.headers).get('content-type')).toBe('application/json');
    expect(f.calls[0]?.init.credentials).toBe('same-origin');
  });

  it('answers the parsed JSON body, and undefined for 204', async () => {
    expect(await createApi(fakeFetch(() => json(200, { ok: 1 })).impl).get('/x')).toEqual({ ok: 1 });
    expect(
      await createApi(fakeFetch(() => new Response(null, { status: 204 })).impl).post('/x'),
    ).toBeUndefined();
  });

  it('throws an ApiError with the problem and Retry-After', async () => {
    const problem = { type: '/problems/rate-limited', title: 'Too many requests', status: 429 };
    const api = createApi(
      fakeFetch(() => json(429, problem, { 'retry-after': '9', 'content-type': 'application/problem+json' }))
        .impl,
    );
    const error = await api.post('/api/v1/auth/login', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).problem).toEqual(problem);
    expect((error as ApiError).retryAfterSeconds).toBe(9);
  });

  it('turns a non-JSON error page into a generic problem', async () => {
    const api = createApi(
      fakeFetch(() => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }))
        .impl,
    );
    const error = (await api.get('/x').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(502);
    expect(error.problem.title).toBe('Bad Gateway');
  });

  it('throws NetworkError when the server cannot be reached', async () => {
    const api = createApi((async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch);
    await expect(api.get('/x')).rejects.toBeInstanceOf(NetworkError);
  });
});
