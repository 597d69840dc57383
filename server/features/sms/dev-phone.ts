import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { SimulatedText, SmsSimulator } from '../../channels/sms/simulator';
import type { Deps } from '../../deps';
import { firmNumbers } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { invalidField, notFound } from '../../platform/http/problem';
import { normalizeE164 } from '../../platform/phone';
import { ownerOfNumber } from './queries';
import { type InboundOutcome, receiveInboundSms } from './receive-inbound';

function phoneField(field: string, value: string): string {
  const e164 = normalizeE164(value);
  if (!e164) throw invalidField(field, 'is not a valid phone number');
  return e164;
}

/**
 * The simulated phones' texts that the staff user's firm sent, oldest first (only those to `to` when
 * given). Every text leaves from a firm number, so the firm's numbers decide which texts are its own.
 */
export async function listSimulatedTexts(
  deps: Deps,
  sms: SmsSimulator,
  input: { actor: StaffActor; to?: string },
): Promise<SimulatedText[]> {
  const owned = await deps.db
    .select({ e164: firmNumbers.e164 })
    .from(firmNumbers)
    .where(eq(firmNumbers.firmId, input.actor.firmId));
  const numbers = new Set(owned.map((n) => n.e164));
  return sms.list(input.to).filter((t) => numbers.has(t.from));
}

/**
 * Plays a client texting one of the staff user's firm numbers, as if the provider's webhook fired. A
 * number of another firm, or of none, is a 404: nobody injects texts into someone else's threads.
 */
export async function simulateInboundText(
  deps: Deps,
  input: { actor: StaffActor; from: string; to: string; body: string; id?: string },
): Promise<InboundOutcome> {
  const from = phoneField('body.from', input.from);
  const to = phoneField('body.to', input.to);
  const owner = await ownerOfNumber(deps.db, to);
  if (owner?.firmId !== input.actor.firmId) throw notFound('number of your firm');
  return receiveInboundSms(
    deps,
    {
      providerId: input.id ?? `SIM${uuidv7()}`,
      from,
      to,
      body: input.body,
      receivedAt: deps.clock(),
      media: [],
    },
    'simulator',
  );
}
