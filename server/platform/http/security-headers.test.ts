import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import helmet, { type HelmetOptions } from 'helmet';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers';

const OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      connectSrc: ["'self'", 'ws:', 'wss:'],
      upgradeInsecureRequests: null,
    },
  },
  strictTransportSecurity: false,
};

/** What helmet's own middleware writes on a real response, read back by a client. */
async function headersFromHelmet(options: HelmetOptions): Promise<Record<string, string>> {
  const middleware = helmet(options);
  const server = createServer((req, res) => middleware(req, res, () => res.end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const sent = Object.fromEntries(response.headers);
    for (const name of ['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'])
      delete sent[name];
    return sent;
  } finally {
    server.close();
  }
}

describe('securityHeaders', () => {
  it('are exactly the headers helmet sends on a response for the same options', async () => {
    expect(securityHeaders(OPTIONS)).toEqual(await headersFromHelmet(OPTIONS));
  });

  it('carry the content security policy as configured and leave out what is switched off', () => {
    const headers = securityHeaders(OPTIONS);
    expect(headers['content-security-policy']).toContain("connect-src 'self' ws: wss:");
    expect(headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(headers).not.toHaveProperty('strict-transport-security');
  });
});
