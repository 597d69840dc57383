import type { ConversationOut } from '../../../contracts/conversations';
import type { ConsumerOut, ServiceAreaVerdict } from '../../../contracts/message-center';
import { ApiError } from '../../ui/problem';

// The consumer details form's pure rules: form values to and from the API, how a picked place
// completes the typed address, and what the service-area indicator says.

/** Yes/no questions are strings in the form ('' is not answered), as radio groups hold them. */
export interface ConsumerForm {
  name: string;
  address: string;
  email: string;
  potentialLead: '' | 'yes' | 'no';
  existingCustomer: '' | 'yes' | 'no';
  interestedIn: '' | 'sales' | 'service';
  preferredTime: '' | 'morning' | 'afternoon' | 'evening';
}

const yesNo = (v: boolean | null | undefined): '' | 'yes' | 'no' =>
  v === true ? 'yes' : v === false ? 'no' : '';
const toBool = (v: '' | 'yes' | 'no') => (v === '' ? null : v === 'yes');
const orNull = <T extends string>(v: T | '') => (v === '' ? null : v);

/** The form as the saved details fill it (empty without details). */
export function formOf(consumer: ConsumerOut | null | undefined): ConsumerForm {
  return {
    name: consumer?.name ?? '',
    address: consumer?.address ?? '',
    email: consumer?.email ?? '',
    potentialLead: yesNo(consumer?.potentialLead),
    existingCustomer: yesNo(consumer?.existingCustomer),
    interestedIn: consumer?.interestedIn ?? '',
    preferredTime: consumer?.preferredTime ?? '',
  };
}

/** The PUT body: blanks are no answer; the lead questions go only with a potential lead. */
export function bodyOf(form: ConsumerForm) {
  const lead = form.potentialLead === 'yes';
  return {
    name: form.name.trim() || null,
    address: form.address.trim() || null,
    email: form.email.trim() || null,
    potentialLead: toBool(form.potentialLead),
    existingCustomer: lead ? toBool(form.existingCustomer) : null,
    interestedIn: lead ? orNull(form.interestedIn) : null,
    preferredTime: lead ? orNull(form.preferredTime) : null,
  };
}

/**
 * The address once a suggested place is picked: what was typed before the part the place answers
 * (the street, up to its comma) followed by the place's label. "12 Elm St, Wake" + "Wakefield, MA
 * 01880" gives "12 Elm St, Wakefield, MA 01880".
 */
export function completeAddress(typed: string, label: string): string {
  const parts = typed.split(',');
  // "…, Springfield, IL": the last two parts were the city and state the place replaces.
  const dropped = parts.length >= 3 && /^\s*[A-Za-z]{2}\s*$/.test(parts.at(-1) ?? '') ? 2 : 1;
  const street = parts
    .slice(0, Math.max(0, parts.length - dropped))
    .join(',')
    .trim();
  if (street) return `${street}, ${label}`;
  // No comma: a street typed before a ZIP code ("12 Elm St 0188") keeps what precedes the digits.
  const beforeDigits = /^(.*\D)\s+\d{1,5}$/.exec(typed.trim())?.[1]?.trim();
  return beforeDigits ? `${beforeDigits}, ${label}` : label;
}

/** The field errors of a refused save, keyed by form field ("body.email" → email). */
export function fieldErrors(error: unknown): Partial<Record<keyof ConsumerForm, string>> {
  if (!(error instanceof ApiError) || !error.problem.errors) return {};
  const out: Partial<Record<keyof ConsumerForm, string>> = {};
  for (const e of error.problem.errors) {
    const field = e.field.replace(/^body\./, '') as keyof ConsumerForm;
    out[field] ??= e.message;
  }
  return out;
}

/** What the service-area indicator shows: a label, a colour, and a sentence for screen readers and tooltips. */
export interface ZoneLook {
  label: string;
  color: string;
  description: string;
}

const ZONE_LOOK: Record<ServiceAreaVerdict['zone'], { label: string; color: string; name: string }> = {
  ideal: { label: 'Ideal', color: 'teal', name: 'ideal service area' },
  max: { label: 'Max', color: 'yellow', name: 'maximum service area' },
  outside: { label: 'Outside', color: 'red', name: 'outside the service area' },
};

const miles = (n: number) => `${n.toFixed(1)} mi`;

/** The indicator of a verdict; null when there is none to show. */
export function zoneLook(serviceArea: ServiceAreaVerdict | null | undefined): ZoneLook | null {
  if (!serviceArea) return null;
  const look = ZONE_LOOK[serviceArea.zone];
  return {
    label: `${look.label} · ${miles(serviceArea.miles)}`,
    color: look.color,
    description: `${miles(serviceArea.miles)} away: ${look.name} (ideal within ${serviceArea.idealMiles} mi, served up to ${serviceArea.maxMiles} mi)`,
  };
}

/** Why a conversation shows no verdict, in the details panel. */
export function noVerdictReason(
  conversation: Pick<ConversationOut, 'consumer' | 'serviceArea'>,
): string | null {
  if (conversation.serviceArea) return null;
  const consumer = conversation.consumer;
  if (!consumer?.address) return 'Add the customer’s address to check the service area.';
  if (!consumer.place) return 'Service area unknown: the address has no ZIP code we know.';
  return 'This location has no service area set.';
}
