import { describe, expect, it } from 'vitest';
import { settingsFromDocument } from './load-settings';
import { DEFAULT_SETTINGS, mergeSettings } from './model';

describe('mergeSettings', () => {
  it('keeps every field the patch leaves out', () => {
    expect(mergeSettings(DEFAULT_SETTINGS, {})).toEqual(DEFAULT_SETTINGS);
    expect(mergeSettings(DEFAULT_SETTINGS, { alertMinutes: undefined })).toEqual(DEFAULT_SETTINGS);
  });

  it('replaces scalars and arrays', () => {
    const next = mergeSettings(DEFAULT_SETTINGS, { emailMode: 'convenience', readNotifyUserIds: ['u1'] });
    expect(next.emailMode).toBe('convenience');
    expect(next.readNotifyUserIds).toEqual(['u1']);
    const again = mergeSettings(next, { readNotifyUserIds: [] });
    expect(again.readNotifyUserIds).toEqual([]);
  });

  it('merges nested objects field by field', () => {
    const next = mergeSettings(DEFAULT_SETTINGS, { timeCapture: { chatWindowMinutes: 15 } });
    expect(next.timeCapture).toEqual({ ...DEFAULT_SETTINGS.timeCapture, chatWindowMinutes: 15 });
    const again = mergeSettings(next, {
      contactMessaging: { allowedRecipients: [{ type: 'team', id: 't1' }] },
      timeCapture: { incrementMinutes: 15, chatWindowMinutes: undefined },
    });
    expect(again.timeCapture).toEqual({
      ...DEFAULT_SETTINGS.timeCapture,
      chatWindowMinutes: 15,
      incrementMinutes: 15,
    });
    expect(again.contactMessaging).toEqual({
      restrictToCoordinator: false,
      allowedRecipients: [{ type: 'team', id: 't1' }],
    });
  });

  it('does not change the settings it merges into', () => {
    const base = structuredClone(DEFAULT_SETTINGS);
    mergeSettings(base, { timeCapture: { chatWindowMinutes: 1 }, alertMinutes: 1 });
    expect(base).toEqual(DEFAULT_SETTINGS);
  });
});

describe('settingsFromDocument', () => {
  it('fills in the defaults for an empty or missing document', () => {
    expect(settingsFromDocument({})).toEqual(DEFAULT_SETTINGS);
    expect(settingsFromDocument(null)).toEqual(DEFAULT_SETTINGS);
    expect(settingsFromDocument('nonsense')).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps valid stored fields, drops invalid or unknown ones', () => {
    const s = settingsFromDocument({
      alertMinutes: 7,
      emailMode: 'shouting',
      timeCapture: { chatWindowMinutes: 12 },
      legacyFlag: true,
    });
    expect(s).toEqual({
      ...DEFAULT_SETTINGS,
      alertMinutes: 7,
      timeCapture: { ...DEFAULT_SETTINGS.timeCapture, chatWindowMinutes: 12 },
    });
  });
});
