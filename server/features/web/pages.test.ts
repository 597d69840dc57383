import { describe, expect, it } from 'vitest';
import { pageFor } from './pages';

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('pageFor', () => {
  it('answers the staff app for its routes', () => {
    for (const p of ['/', '/login', '/matters', '/message-center/123', '/settings/']) {
      expect(pageFor(p, HTML)).toBe('staff/index.html');
    }
  });

  it('answers a customer’s secure chat below /m/', () => {
    expect(pageFor('/m/0b7e9a52-3c0f-4d8e-9a3b-1f2e3d4c5b6a.abc-def_123', HTML)).toBe(
      'secure-chat/index.html',
    );
    expect(pageFor('/m', HTML)).toBe('staff/index.html');
  });

  it('answers the portal below /portal', () => {
    for (const p of ['/portal', '/portal/', '/portal/login', '/portal/messages/1']) {
      expect(pageFor(p, HTML)).toBe('portal/index.html');
    }
    expect(pageFor('/portals', HTML)).toBe('staff/index.html');
  });

  it('never answers a page for API, webhook, development, operations or asset paths', () => {
    for (const p of [
      '/api',
      '/api/v1/nope',
      '/webhooks/sms/twilio',
      '/dev/phone',
      '/healthz',
      '/readyz',
      '/metrics',
      '/assets/x.js',
    ]) {
      expect(pageFor(p, HTML)).toBeNull();
    }
  });

  it('answers the simulated phone at /dev/phone only when the SMS simulator routes are on', () => {
    expect(pageFor('/dev/phone', HTML, { devPhone: true })).toBe('dev-phone/index.html');
    expect(pageFor('/dev/phone/', HTML, { devPhone: true })).toBe('dev-phone/index.html');
    expect(pageFor('/dev/phone', HTML, { devPhone: false })).toBeNull();
    expect(pageFor('/dev/phone', HTML)).toBeNull();
    expect(pageFor('/dev/phone', 'application/json', { devPhone: true })).toBeNull();
    for (const p of ['/dev/phones', '/dev/phone/x', '/dev/sms/outbox']) {
      expect(pageFor(p, HTML, { devPhone: true }), p).toBeNull();
    }
  });

  it('keeps paths that only start like a reserved one', () => {
    expect(pageFor('/apiary', HTML)).toBe('staff/index.html');
    expect(pageFor('/metrics-board', HTML)).toBe('staff/index.html');
  });

  it('answers nothing to requests that do not accept HTML', () => {
    expect(pageFor('/matters', 'application/json')).toBeNull();
    expect(pageFor('/favicon.ico', 'image/avif,image/webp,*/*')).toBeNull();
    expect(pageFor('/matters', undefined)).toBeNull();
  });
});
