import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { firmNumbers, firms, messageDeliveries } from '../../platform/db/schema';

export type DeliveryRow = typeof messageDeliveries.$inferSelect;

/** What a firm number is for. */
export type NumberPurpose = 'secure_chat' | 'campaign';

/**
 * The firm that owns a provider number and what the number is for, or null for a number no firm
 * owns. Providers name only numbers, so this global lookup is how a webhook finds its firm.
 */
export async function ownerOfNumber(
  ex: Executor,
  e164: string,
): Promise<{ firmId: string; purpose: NumberPurpose } | null> {
  const [row] = await ex
    .select({ firmId: firmNumbers.firmId, purpose: firmNumbers.purpose })
    .from(firmNumbers)
    .where(eq(firmNumbers.e164, e164));
  return row ? { firmId: row.firmId, purpose: row.purpose as NumberPurpose } : null;
}

/** Every delivery of a message, in a stable order. */
export async function deliveriesOf(ex: Executor, firmId: string, messageId: string): Promise<DeliveryRow[]> {
  return ex
    .select()
    .from(messageDeliveries)
    .where(and(eq(messageDeliveries.firmId, firmId), eq(messageDeliveries.messageId, messageId)))
    .orderBy(asc(messageDeliveries.channel), asc(messageDeliveries.recipient));
}

/** The firm's display name (signs automatic replies). */
export async function firmName(ex: Executor, firmId: string): Promise<string> {
  const [row] = await ex.select({ name: firms.name }).from(firms).where(eq(firms.id, firmId));
  return row?.name ?? 'Parley';
}
