/** An HTTP answer with its parsed JSON body (or text). */
export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A tiny HTTP client with a cookie jar and the CSRF header, like a browser tab of the staff app. */
export class TestClient {
  private cookies = new Map<string, string>();
  csrfToken?: string;
  bearer?: string;
  /** Extra headers on every request (e.g. x-forwarded-for in throttling tests). */
  headers: Record<string, string> = {};

  constructor(readonly baseUrl: string) {}

  /** Signs in on the staff API; throws unless 200. */
  async login(email: string, password: string, totp?: string): Promise<Answer> {
    const r = await this.post('/api/v1/auth/login', { email, password, ...(totp ? { totp } : {}) });
    if (r.status !== 200) throw new Error(`login ${email} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  get = <T = any>(p: string, init?: RequestInit) => this.request<T>('GET', p, undefined, init);
  post = <T = any>(p: string, body?: unknown, init?: RequestInit) => this.request<T>('POST', p, body, init);
  put = <T = any>(p: string, body?: unknown, init?: RequestInit) => this.request<T>('PUT', p, body, init);
  patch = <T = any>(p: string, body?: unknown, init?: RequestInit) => this.request<T>('PATCH', p, body, init);
  delete = <T = any>(p: string, init?: RequestInit) => this.request<T>('DELETE', p, undefined, init);

  async request<T = any>(
    method: string,
    p: string,
    body?: unknown,
    init: RequestInit = {},
  ): Promise<Answer<T>> {
    const headers = new Headers(init.headers);
    for (const [k, v] of Object.entries(this.headers)) headers.set(k, v);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    if (this.csrfToken && method !== 'GET' && !headers.has('x-csrf-token'))
      headers.set('x-csrf-token', this.csrfToken);
    if (this.bearer) headers.set('authorization', `Bearer ${this.bearer}`);
    let payload: BodyInit | undefined;
    if (body !== undefined) {
      if (typeof body === 'string' || body instanceof FormData || body instanceof Uint8Array)
        payload = body as BodyInit;
      else {
        payload = JSON.stringify(body);
        if (!headers.has('content-type')) headers.set('content-type', 'application/json');
      }
    }
    const res = await fetch(this.baseUrl + p, {
      ...init,
      method,
      headers,
      body: payload,
      redirect: 'manual',
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const idx = pair?.indexOf('=') ?? -1;
      if (!pair || idx < 0) continue;
      const name = pair.slice(0, idx).trim();
      const value = pair.slice(idx + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    const type = res.headers.get('content-type') ?? '';
    if (text && type.includes('json')) parsed = JSON.parse(text);
    const answer = { status: res.status, headers: res.headers, body: parsed as T };
    const token = (parsed as { csrfToken?: unknown } | null)?.csrfToken;
    if (typeof token === 'string') this.csrfToken = token;
    return answer;
  }
}
