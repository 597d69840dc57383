import type { FirmSettings } from '../settings/model';

/** Whether the firm captures time at all and this user has not been switched off. */
export function capturesTimeFor(settings: FirmSettings['timeCapture'], userId: string): boolean {
  return settings.enabled && !settings.disabledUserIds.includes(userId);
}
