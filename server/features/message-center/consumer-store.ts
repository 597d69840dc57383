import { and, eq, inArray } from 'drizzle-orm';
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

/** The records of these customer numbers in the firm, by number; numbers without one are absent. */
export async function loadConsumers(
  ex: Executor,
  keyring: Keyring,
  firmId: string,
  phones: string[],
): Promise<Map<string, StoredConsumer>> {
  const out = new Map<string, StoredConsumer>();
  const wanted = [...new Set(phones)];
  if (wanted.length === 0) return out;
  const rows = await ex
    .select()
    .from(mcConsumers)
    .where(and(eq(mcConsumers.firmId, firmId), inArray(mcConsumers.phone, wanted)));
  for (const row of rows) {
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
