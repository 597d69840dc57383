import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseFlags, UsageError } from './command';
import { createFirmCommand } from './create-firm';
import { rotateMasterKeyCommand } from './rotate-master-key';
import { commands, usage } from './run';

const options = { name: { type: 'string' }, count: { type: 'string' } } as const;
const schema = z.object({ name: z.string().min(2), count: z.coerce.number().int().optional() });

/** The UsageError message for argv, or a failure when it parses. */
function complaint(argv: string[]): string {
  try {
    parseFlags(options, schema, argv);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`expected ${argv.join(' ')} to be rejected`);
}

describe('parseFlags', () => {
  it('returns the validated values', () => {
    expect(parseFlags(options, schema, ['--name', 'Acme', '--count=3'])).toEqual({ name: 'Acme', count: 3 });
  });

  it('names a missing, invalid or unknown flag', () => {
    expect(complaint([])).toBe('--name: is required');
    expect(complaint(['--name', 'A'])).toMatch(/^--name: /);
    expect(complaint(['--name', 'Acme', '--count', 'many'])).toMatch(/^--count: /);
    expect(complaint(['--name', 'Acme', '--colour', 'red'])).toMatch(/--colour/);
    expect(complaint(['--name'])).toMatch(/--name/);
    expect(complaint(['--name', 'Acme', 'stray'])).toMatch(/stray/);
  });
});

describe('commands', () => {
  it('check their flags before doing anything', () => {
    expect(() => createFirmCommand.parse(['--name', 'Acme', '--admin-email', 'not-an-address'])).toThrow(
      /--admin-email: /,
    );
    expect(() => createFirmCommand.parse(['--name', 'Acme', '--admin-email', 'a@b.test'])).toThrow(
      '--admin-password: is required',
    );
    expect(() =>
      createFirmCommand.parse(['--name', 'Acme', '--admin-email', 'a@b.test', '--admin-password', 'short']),
    ).toThrow(/--admin-password: /);
    expect(() => rotateMasterKeyCommand.parse(['--new-key', Buffer.alloc(16).toString('base64')])).toThrow(
      /--new-key: must be 32 random bytes/,
    );
    expect(typeof rotateMasterKeyCommand.parse(['--new-key', Buffer.alloc(32, 9).toString('base64')])).toBe(
      'function',
    );
  });

  it('are all listed in the usage text', () => {
    const text = usage();
    for (const c of commands) expect(text).toContain(`${c.name} ${c.synopsis}`.trimEnd());
  });
});
