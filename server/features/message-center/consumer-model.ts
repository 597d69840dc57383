import type { ConsumerOut } from '../../../contracts/message-center';
import type { Place } from '../../platform/geo/geocoder';

// Consumer details as they are stored (sealed, one JSON document per customer number) and the rules
// that shape them before they are.

/** What an agent submits (PUT …/consumer). */
export interface ConsumerInput {
  name?: string | null;
  address?: string | null;
  email?: string | null;
  potentialLead?: boolean | null;
  existingCustomer?: boolean | null;
  interestedIn?: 'sales' | 'service' | null;
  preferredTime?: 'morning' | 'afternoon' | 'evening' | null;
}

/** The sealed document: the answers and the place the address resolved to. */
export interface ConsumerDetails {
  name: string | null;
  address: string | null;
  email: string | null;
  potentialLead: boolean | null;
  existingCustomer: boolean | null;
  interestedIn: 'sales' | 'service' | null;
  preferredTime: 'morning' | 'afternoon' | 'evening' | null;
  place: Place | null;
}

const blankToNull = (value: string | null | undefined) => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

/**
 * The details to store from what was submitted: blank texts are no answer; the lead questions
 * (existing customer, interested in, preferred time) only stand for a potential lead, so they are
 * cleared otherwise, as the form hides them.
 */
export function consumerDetailsOf(input: ConsumerInput, place: Place | null): ConsumerDetails {
  const lead = input.potentialLead === true;
  const address = blankToNull(input.address);
  return {
    name: blankToNull(input.name),
    address,
    email: blankToNull(input.email),
    potentialLead: input.potentialLead ?? null,
    existingCustomer: lead ? (input.existingCustomer ?? null) : null,
    interestedIn: lead ? (input.interestedIn ?? null) : null,
    preferredTime: lead ? (input.preferredTime ?? null) : null,
    place: address === null ? null : place,
  };
}

/** The details as staff see them (the place without its coordinates). */
export function presentConsumer(details: ConsumerDetails, updatedAt: Date): ConsumerOut {
  const { place, ...answers } = details;
  return {
    ...answers,
    place: place ? { postalCode: place.postalCode, city: place.city, state: place.state } : null,
    updatedAt: updatedAt.toISOString(),
  };
}
