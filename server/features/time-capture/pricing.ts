import { amountCents, billedMinutes, hoursOf } from './model';

/** What a duration bills: minutes rounded up to the increment, their hours, the rate and the amount. */
export interface Pricing {
  billedMinutes: number;
  hours: number;
  rateCents: number;
  amountCents: number;
}

/**
 * The one rule that turns a duration into money, used by the conversion preview, the conversion itself
 * and edits of time entries, so what the preview promises is what gets billed.
 */
export function price(durationSeconds: number, incrementMinutes: number, rateCents: number): Pricing {
  const minutes = billedMinutes(durationSeconds, incrementMinutes);
  return {
    billedMinutes: minutes,
    hours: hoursOf(minutes),
    rateCents,
    amountCents: amountCents(minutes, rateCents),
  };
}
