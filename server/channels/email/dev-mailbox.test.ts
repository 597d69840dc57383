import { describe, expect, it } from 'vitest';
import { createDevMailbox } from './dev-mailbox';
import { MailSendError, type OutboundEmail } from './port';

const FIRM = '0190a000-0000-7000-8000-000000000001';
const OTHER_FIRM = '0190a000-0000-7000-8000-000000000002';

const mail = (key: string, to = 'jane.roe@example.com', firmId = FIRM): OutboundEmail => ({
  from: 'Parley <no-reply@parley.localhost>',
  to,
  subject: `Subject ${key}`,
  text: 'text',
  html: '<p>html</p>',
  messageId: `<${key}@parley.localhost>`,
  idempotencyKey: key,
  firmId,
});

describe('dev mailbox', () => {
  it('keeps mails oldest first and lists them per address in any letter case', async () => {
    const box = createDevMailbox({ clock: () => new Date('2026-01-01T00:00:00Z') });
    await box.send(mail('a'));
    await box.send(mail('b', 'John@Example.com'));
    await box.send(mail('c'));
    expect(box.list(FIRM).map((m) => m.subject)).toEqual(['Subject a', 'Subject b', 'Subject c']);
    expect(box.list(FIRM, 'JANE.ROE@example.com').map((m) => m.subject)).toEqual(['Subject a', 'Subject c']);
    expect(box.list(FIRM, 'john@example.com')[0]).toMatchObject({
      to: 'john@example.com',
      messageId: '<b@parley.localhost>',
      at: new Date('2026-01-01T00:00:00Z'),
    });
    expect(box.list(FIRM, 'nobody@example.com')).toEqual([]);
  });

  it('shows each firm only the mails sent for it', async () => {
    const box = createDevMailbox();
    await box.send(mail('ours'));
    await box.send(mail('theirs', 'jane.roe@example.com', OTHER_FIRM));
    expect(box.list(FIRM).map((m) => m.subject)).toEqual(['Subject ours']);
    expect(box.list(OTHER_FIRM, 'jane.roe@example.com').map((m) => m.subject)).toEqual(['Subject theirs']);
  });

  it('drops a second send with the same idempotency key', async () => {
    const box = createDevMailbox();
    const first = await box.send(mail('same'));
    const again = await box.send({ ...mail('same'), subject: 'changed' });
    expect(again).toEqual(first);
    expect(box.list(FIRM)).toHaveLength(1);
  });

  it('forgets the oldest mails (and their keys) beyond its capacity', async () => {
    const box = createDevMailbox({ capacity: 2 });
    for (const key of ['1', '2', '3']) await box.send(mail(key));
    expect(box.list(FIRM).map((m) => m.subject)).toEqual(['Subject 2', 'Subject 3']);
    await box.send(mail('1'));
    expect(box.list(FIRM).map((m) => m.subject)).toEqual(['Subject 3', 'Subject 1']);
  });

  it('throws a queued failure once, then sends', async () => {
    const box = createDevMailbox();
    box.failNext(new MailSendError('deferred', 'try later', 451));
    await expect(box.send(mail('x'))).rejects.toMatchObject({ failure: 'deferred', retryable: true });
    await box.send(mail('x'));
    expect(box.list(FIRM)).toHaveLength(1);
  });
});

describe('MailSendError', () => {
  it('retries deferrals, network and configuration problems, never refusals', () => {
    expect(new MailSendError('rejected', 'no').retryable).toBe(false);
    for (const failure of ['deferred', 'network', 'configuration'] as const)
      expect(new MailSendError(failure, 'later').retryable).toBe(true);
  });
});
