import { and, eq, inArray } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import type { Executor } from '../../platform/db/client';
import { firms, teams, users } from '../../platform/db/schema';
import { ensureCan, type StaffActor } from '../../platform/http/actor';
import { badRequest, type FieldError } from '../../platform/http/problem';
import { forgetFirmProfile, loadSettings } from './load-settings';
import { type FirmSettings, mergeSettings } from './model';
import type { SettingsPatchBody } from './schemas';

/** Field errors for ids in the patch that are not users, teams or circles of the firm. */
async function unknownReferences(
  ex: Executor,
  firmId: string,
  patch: SettingsPatchBody,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const userRefs = (patch.readNotifyUserIds ?? []).map((id, i) => ({
    id,
    field: `body.readNotifyUserIds.${i}`,
  }));
  (patch.timeCapture?.disabledUserIds ?? []).forEach((id, i) => {
    userRefs.push({ id, field: `body.timeCapture.disabledUserIds.${i}` });
  });
  const recipients = patch.contactMessaging?.allowedRecipients ?? [];
  recipients.forEach((r, i) => {
    if (r.type === 'user')
      userRefs.push({ id: r.id, field: `body.contactMessaging.allowedRecipients.${i}.id` });
  });
  if (userRefs.length > 0) {
    const found = await ex
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          eq(users.firmId, firmId),
          inArray(
            users.id,
            userRefs.map((r) => r.id),
          ),
        ),
      );
    const known = new Set(found.map((r) => r.id));
    for (const r of userRefs)
      if (!known.has(r.id)) errors.push({ field: r.field, message: 'is not a user of this firm' });
  }
  const groupRefs = recipients.flatMap((r, i) => (r.type === 'user' ? [] : [{ ...r, i }]));
  if (groupRefs.length > 0) {
    const found = await ex
      .select({ id: teams.id, kind: teams.kind })
      .from(teams)
      .where(
        and(
          eq(teams.firmId, firmId),
          inArray(
            teams.id,
            groupRefs.map((r) => r.id),
          ),
        ),
      );
    const kinds = new Map(found.map((r) => [r.id, r.kind]));
    for (const r of groupRefs)
      if (kinds.get(r.id) !== r.type)
        errors.push({
          field: `body.contactMessaging.allowedRecipients.${r.i}.id`,
          message: `is not a ${r.type} of this firm`,
        });
  }
  return errors;
}

/** Merges a validated partial update into the firm's settings and audits which fields changed. */
export async function updateSettings(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { actor: StaffActor; ip?: string; patch: SettingsPatchBody },
): Promise<FirmSettings> {
  const { actor, patch } = input;
  ensureCan(actor, 'settings.manage');
  return deps.db.transaction(async (tx) => {
    const errors = await unknownReferences(tx, actor.firmId, patch);
    if (errors.length > 0) throw badRequest(errors);
    // Lock the firm row so two concurrent partial updates both land.
    await tx.select({ id: firms.id }).from(firms).where(eq(firms.id, actor.firmId)).for('update');
    const next = mergeSettings(await loadSettings(tx, actor.firmId), patch);
    await tx.update(firms).set({ settings: next }).where(eq(firms.id, actor.firmId));
    forgetFirmProfile(tx);
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: 'settings.updated',
        targetType: 'firm',
        targetId: actor.firmId,
        details: {
          fields: Object.keys(patch)
            .filter((k) => patch[k as keyof SettingsPatchBody] !== undefined)
            .sort(),
        },
      },
      deps.clock(),
    );
    return next;
  });
}
