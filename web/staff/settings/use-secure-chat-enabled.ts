import { useFirmSettings } from '../admin/queries';

/**
 * Whether to offer Secure Chat: hidden only once the firm settings say it is off, so the tab does
 * not flicker away while the settings load.
 */
export function useSecureChatEnabled(): boolean {
  return useFirmSettings().data?.secureChatEnabled ?? true;
}
