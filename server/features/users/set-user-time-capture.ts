import { eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { firms } from '../../platform/db/schema';
import { ensureCan, type StaffActor } from '../../platform/http/actor';
import { forgetFirmProfile, loadSettings } from '../settings/load-settings';
import { mergeSettings } from '../settings/model';
import { getUser } from './get-user';

/**
 * Switches automated time capture on or off for one user (the firm switch still applies); 404 for a
 * user of another firm. The users switched off are a list in the firm settings: the firm row is
 * locked while the list changes, so two admins switching two users at once both land.
 */
export async function setUserTimeCapture(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { actor: StaffActor; ip?: string; userId: string; enabled: boolean },
): Promise<{ userId: string; enabled: boolean }> {
  const { actor, userId, enabled } = input;
  ensureCan(actor, 'settings.manage');
  await getUser(deps, { actor, userId });
  await deps.db.transaction(async (tx) => {
    await tx.select({ id: firms.id }).from(firms).where(eq(firms.id, actor.firmId)).for('update');
    const settings = await loadSettings(tx, actor.firmId);
    const off = new Set(settings.timeCapture.disabledUserIds);
    if (enabled) off.delete(userId);
    else off.add(userId);
    const next = mergeSettings(settings, { timeCapture: { disabledUserIds: [...off] } });
    await tx.update(firms).set({ settings: next }).where(eq(firms.id, actor.firmId));
    forgetFirmProfile(tx);
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: 'user.time_capture_changed',
        targetType: 'user',
        targetId: userId,
        details: { enabled },
      },
      deps.clock(),
    );
  });
  return { userId, enabled };
}
