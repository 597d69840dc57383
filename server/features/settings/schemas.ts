import { z } from 'zod';
import { contactMessaging, settingsOut, timeCaptureSettings } from '../../../contracts/settings';

/** A partial update: fields left out keep their value; nested objects merge field by field. */
export const settingsPatchBody = z.strictObject({
  emailMode: settingsOut.shape.emailMode.optional(),
  replyByEmail: settingsOut.shape.replyByEmail.optional(),
  clientThreadNotify: settingsOut.shape.clientThreadNotify.optional(),
  contactMessaging: contactMessaging.partial().optional(),
  readNotifyUserIds: settingsOut.shape.readNotifyUserIds.optional(),
  secureChatEnabled: settingsOut.shape.secureChatEnabled.optional(),
  timeCapture: timeCaptureSettings.partial().optional(),
  alertMinutes: settingsOut.shape.alertMinutes.optional(),
  secureChatMaxOpenPerClient: settingsOut.shape.secureChatMaxOpenPerClient.optional(),
});
export type SettingsPatchBody = z.infer<typeof settingsPatchBody>;
