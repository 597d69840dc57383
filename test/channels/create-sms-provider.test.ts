import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmsProvider } from '../../server/channels/sms/create-sms-provider';
import { ConfigError, loadConfig } from '../../server/config';
import { type FakeTwilio, startFakeTwilio } from './fake-twilio';

let fake: FakeTwilio;
beforeAll(async () => {
  fake = await startFakeTwilio();
});
afterAll(() => fake.close());

describe('createSmsProvider', () => {
  it('picks the simulator by default', async () => {
    const sms = createSmsProvider(loadConfig({}));
    expect(sms.name).toBe('simulator');
    if (sms.name !== 'simulator') throw new Error('unreachable');
    await sms.send({ from: '+12025550100', to: '+12025550143', body: 'hi', idempotencyKey: 'k' });
    expect(sms.list('+12025550143').map((t) => t.body)).toEqual(['hi']);
    sms.close();
  });

  it('picks Twilio with the configured account, base URL and Messaging Service', async () => {
    const messagingServiceSid = `MG${'0'.repeat(32)}`;
    const sms = createSmsProvider(
      loadConfig({
        SMS_PROVIDER: 'twilio',
        TWILIO_ACCOUNT_SID: fake.accountSid,
        TWILIO_AUTH_TOKEN: fake.authToken,
        TWILIO_BASE_URL: fake.baseUrl,
        TWILIO_MESSAGING_SERVICE_SID: messagingServiceSid,
      }),
    );
    expect(sms.name).toBe('twilio');
    const result = await sms.send({
      from: '+12025550100',
      to: '+12025550143',
      body: 'hi',
      idempotencyKey: 'k',
    });
    expect(fake.messages).toEqual([
      expect.objectContaining({ sid: result.providerId, messagingServiceSid, from: '+12025550100' }),
    ]);
  });

  it('refuses a Messaging Service SID of the wrong shape', () => {
    expect(() => loadConfig({ TWILIO_MESSAGING_SERVICE_SID: 'PN123' })).toThrow(ConfigError);
  });

  it('refuses Twilio without credentials, even from a hand-built config', () => {
    expect(() => loadConfig({ SMS_PROVIDER: 'twilio' })).toThrow(ConfigError);
    expect(() =>
      createSmsProvider({ ...loadConfig({}), SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: undefined }),
    ).toThrow(/TWILIO_ACCOUNT_SID/);
  });
});
