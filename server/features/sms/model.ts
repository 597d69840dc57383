import { type DeliveryStatus, deliveryStatuses } from '../../channels/sms/port';

// Pure rules of SMS deliveries. Providers report states out of order (a "sent" callback can arrive
// after "delivered", or before send's own answer was recorded), so a delivery only moves forward.

// delivered, undelivered and failed are final: none replaces another.
const rank: Record<DeliveryStatus, number> = {
  queued: 0,
  sending: 1,
  sent: 2,
  delivered: 3,
  undelivered: 3,
  failed: 3,
};

/** True when a delivery in state `current` should take state `next` (strictly later in the order). */
export function advancesDelivery(current: DeliveryStatus, next: DeliveryStatus): boolean {
  return rank[next] > rank[current];
}

/** The states a delivery may be in for `next` to replace it (the WHERE of a forward-only update). */
export function statusesBefore(next: DeliveryStatus): DeliveryStatus[] {
  return deliveryStatuses.filter((current) => advancesDelivery(current, next));
}

/** The states a delivery keeps when `next` is reported (the rest take it): those `next` does not advance. */
export function statusesKeptOver(next: DeliveryStatus): DeliveryStatus[] {
  return deliveryStatuses.filter((current) => !advancesDelivery(current, next));
}

/** True when the string is one of Parley's delivery states. */
export function isDeliveryStatus(value: string): value is DeliveryStatus {
  return (deliveryStatuses as readonly string[]).includes(value);
}

/** Twilio's limit on one outbound text, in characters; longer texts are refused before they are stored. */
export const MAX_SMS_CHARACTERS = 1600;
