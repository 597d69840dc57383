import { DrizzleQueryError } from 'drizzle-orm/errors';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { describeError, describeErrorForPeople } from './describe-error';

const SECRET = '$argon2id$v=19$m=19456,t=2,p=1$c2VjcmV0$aGFzaA';

function uniqueViolation(): DrizzleQueryError {
  const driver = Object.assign(
    new pg.DatabaseError('duplicate key value violates unique constraint "users_email_key"', 0, 'error'),
    {
      code: '23505',
      constraint: 'users_email_key',
      detail: 'Key (email)=(jane@example.test) already exists.',
    },
  );
  return new DrizzleQueryError(
    'insert into users (email, password_hash) values ($1, $2)',
    ['jane@example.test', SECRET],
    driver,
  );
}

describe('describeError', () => {
  it('keeps the class, SQL state and constraint of a failed query and of the error it wraps', () => {
    const described = describeError(uniqueViolation());
    expect(described).toMatchObject({
      type: 'DrizzleQueryError',
      cause: { type: 'DatabaseError', code: '23505', constraint: 'users_email_key' },
    });
  });

  it('never keeps the message, the parameters, the detail or the first line of the stack', () => {
    const text = JSON.stringify(describeError(uniqueViolation()));
    for (const leaked of [SECRET, 'jane@example.test', 'Failed query', 'insert into', 'duplicate key'])
      expect(text).not.toContain(leaked);
    expect(describeError(uniqueViolation()).stack).toMatch(/^\s+at /);
  });

  it('keeps no line of the message that looks like a call frame', () => {
    const error = new DrizzleQueryError(
      'insert into messages (body) values ($1)',
      ['hello\n    at the settlement of 42,000 dollars'],
      new Error('boom'),
    );
    const stack = describeError(error).stack ?? '';
    expect(stack).not.toContain('settlement');
    expect(stack).toMatch(/^\s+at /);
  });

  it('names a thrown non-error by its type and stops at a cycle of causes', () => {
    expect(describeError('a string with +15551234567')).toEqual({ type: 'string' });
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(JSON.stringify(describeError(a))).not.toContain('"a"');
  });

  it('keeps a provider error code and the name a sender gave its error', () => {
    const error = Object.assign(new Error('could not text +15551234567'), {
      name: 'SendFailure',
      code: 21211,
    });
    expect(describeError(error)).toMatchObject({ type: 'SendFailure', code: '21211' });
  });
});

describe('describeErrorForPeople', () => {
  it('names a database error by class, SQL state and constraint, never by its message', () => {
    const text = describeErrorForPeople(uniqueViolation());
    expect(text).toBe('database error (DrizzleQueryError < DatabaseError 23505 users_email_key)');
  });

  it('keeps the message of any other error', () => {
    expect(describeErrorForPeople(new Error('the master key file is missing'))).toBe(
      'the master key file is missing',
    );
  });
});
