import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLogins } from '../../server/features/demo/seed-demo';
import { startTestApp, type TestApp } from '../support/app';

// Every line the app logs, as written by the production logger.
const lines: string[] = [];
const logTo = new Writable({
  write(chunk, _encoding, done) {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  },
});

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ LOG_LEVEL: 'info' }, { logTo });
});
afterAll(() => t.close());

describe('a failed query that answers 500', () => {
  it('logs the error class, SQL state and constraint, never the parameters or the row', async () => {
    const email = 'leak.canary@demo.parley.test';
    const phone = '+12025550177';
    const password = 'canary-password-0177';
    // The test's own copy of the database refuses this e-mail address: the INSERT then fails with a
    // check violation whose query parameters (e-mail, phone, password hash) and detail (the row)
    // hold everything the log must not show.
    await t.database.query(
      `ALTER TABLE users ADD CONSTRAINT users_canary_refused CHECK (email <> '${email}') NOT VALID`,
    );
    const admin = await t.signIn(demoLogins.admin);
    const r = await admin.post('/api/v1/users', {
      email,
      name: 'Leak Canary',
      role: 'staff',
      password,
      phone,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(500);
    expect(r.body).toMatchObject({ type: '/problems/internal' });
    expect(JSON.stringify(r.body)).not.toContain('canary');

    const failure = lines.find((line) => line.includes('request failed'));
    expect(failure, lines.join('\n')).toBeDefined();
    expect(failure).toContain('"23514"');
    expect(failure).toContain('users_canary_refused');
    for (const line of lines)
      for (const secret of [email, 'leak.canary', phone, '2025550177', password, '$argon2', 'Failing row'])
        expect(line).not.toContain(secret);
    const stored = await t.database.query('select id from users where email = $1', [email]);
    expect(stored).toEqual([]);
  });
});
