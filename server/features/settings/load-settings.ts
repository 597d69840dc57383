import { eq, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Executor } from '../../platform/db/client';
import { preparedOnce } from '../../platform/db/prepared-once';
import { firms } from '../../platform/db/schema';
import { DEFAULT_SETTINGS, type FirmSettings, mergeSettings, type SettingsPatch } from './model';
import { settingsPatchBody } from './schemas';

/** The firm's name and its settings, as the features that write to clients need them. */
export interface FirmProfile {
  name: string;
  settings: FirmSettings;
}

// Within one transaction a firm is read once: one message's listeners (its text's framing, its
// billable time) each need it. Keyed by the transaction object, so it ends with it; the writers of
// the settings forget it (forgetFirmProfile).
const readInTransaction = new WeakMap<object, Map<string, Promise<FirmProfile>>>();

/**
 * The firm's name and settings, with defaults for whatever is not stored. A stored field that no
 * longer validates (an older or hand-edited document) falls back to its default instead of failing.
 */
export function loadFirmProfile(ex: Executor, firmId: string): Promise<FirmProfile> {
  if (!(ex instanceof PgTransaction)) return readFirmProfile(ex, firmId);
  let firms = readInTransaction.get(ex);
  if (!firms) {
    firms = new Map();
    readInTransaction.set(ex, firms);
  }
  let profile = firms.get(firmId);
  if (!profile) {
    profile = readFirmProfile(ex, firmId);
    firms.set(firmId, profile);
  }
  return profile;
}

/** Drops what loadFirmProfile remembered in this transaction: its settings were just written. */
export function forgetFirmProfile(tx: Executor): void {
  readInTransaction.delete(tx);
}

// Read by every text and every billable message: built once (issue 11).
const firmProfileStatement = preparedOnce((ex) =>
  ex
    .select({ name: firms.name, settings: firms.settings })
    .from(firms)
    .where(eq(firms.id, sql.placeholder('firmId')))
    .prepare('parley_firm_profile'),
);

async function readFirmProfile(ex: Executor, firmId: string): Promise<FirmProfile> {
  const [row] = await firmProfileStatement(ex).execute({ firmId });
  return { name: row?.name ?? '', settings: settingsFromDocument(row?.settings) };
}

/** The firm's settings (loadFirmProfile's). */
export async function loadSettings(ex: Executor, firmId: string): Promise<FirmSettings> {
  return (await loadFirmProfile(ex, firmId)).settings;
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
