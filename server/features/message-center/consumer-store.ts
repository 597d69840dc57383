import type { Keyring } from '../../platform/crypto/keyring';
import type { Executor, Tx } from '../../platform/db/client';
import { mcConsumers } from '../../platform/db/schema';
import type { ConsumerDetails } from './consumer-model';

// Consumer records, sealed with the firm key: the additional data names the customer number, so a
// record copied to another number (or firm, which the keyring adds) fails to decrypt.

const purpose = (phone: string) => `message-center.consumer:${phone}`;

/** A consumer record as read back: its details and when they last changed. */
export interface StoredConsumer {
  details: ConsumerDetails;
  updatedAt: Date;
}

/** A consumer record as stored, still sealed (a page's read joins it to its conversations). */
export type SealedConsumer = Pick<typeof mcConsumers.$inferSelect, 'phone' | 'detailsSealed' | 'updatedAt'>;

/** Opens sealed consumer records, by customer number. */
export async function openConsumers(
  ex: Executor,
  keyring: Keyring,
  firmId: string,
  sealed: readonly SealedConsumer[],
): Promise<Map<string, StoredConsumer>> {
  const out = new Map<string, StoredConsumer>();
  for (const row of sealed) {
    if (out.has(row.phone)) continue;
    const json = await keyring.decryptForFirm(ex, firmId, row.detailsSealed, purpose(row.phone));
    out.set(row.phone, { details: JSON.parse(json) as ConsumerDetails, updatedAt: row.updatedAt });
  }
  return out;
}

/** Creates or replaces the record of a customer number; answers when it was saved. */
export async function saveConsumer(
  tx: Tx,
  keyring: Keyring,
  input: { firmId: string; phone: string; details: ConsumerDetails; by: string; now: Date },
): Promise<Date> {
  const sealed = await keyring.encryptForFirm(
    tx,
    input.firmId,
    JSON.stringify(input.details),
    purpose(input.phone),
  );
  await tx
    .insert(mcConsumers)
    .values({
      firmId: input.firmId,
      phone: input.phone,
      detailsSealed: sealed,
      createdAt: input.now,
      updatedAt: input.now,
      updatedBy: input.by,
    })
    .onConflictDoUpdate({
      target: [mcConsumers.firmId, mcConsumers.phone],
      set: { detailsSealed: sealed, updatedAt: input.now, updatedBy: input.by },
    });
  return input.now;
}
