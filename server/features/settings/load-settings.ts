import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { firms } from '../../platform/db/schema';
import { DEFAULT_SETTINGS, type FirmSettings, mergeSettings, type SettingsPatch } from './model';
import { settingsPatchBody } from './schemas';

/**
 * The firm's settings with defaults for whatever is not stored. A stored field that no longer
 * validates (an older or hand-edited document) falls back to its default instead of failing.
 */
export async function loadSettings(ex: Executor, firmId: string): Promise<FirmSettings> {
  const [row] = await ex.select({ settings: firms.settings }).from(firms).where(eq(firms.id, firmId));
  return settingsFromDocument(row?.settings);
}

/** Settings from a stored document, keeping only the fields that validate. */
export function settingsFromDocument(document: unknown): FirmSettings {
  if (typeof document !== 'object' || document === null) return DEFAULT_SETTINGS;
  const valid: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(document)) {
    const field = settingsPatchBody.shape[key as keyof typeof settingsPatchBody.shape];
    if (!field) continue;
    const parsed = field.safeParse(value);
    if (parsed.success) valid[key] = parsed.data;
  }
  return mergeSettings(DEFAULT_SETTINGS, valid as SettingsPatch);
}
