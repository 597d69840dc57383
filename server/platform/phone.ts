import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * The E.164 form (+12025550143) of a phone number typed in any common way, or null when it is not a
 * valid number. One canonical form keeps one thread per number pair (variants never split a thread)
 * and one stored form per contact phone. Numbers without a country code are read as
 * `defaultCountry`. Extensions are refused everywhere: every stored number may be texted, and SMS
 * has none, so dropping one silently would store a number that reaches someone else's desk.
 */
export function normalizeE164(input: string, defaultCountry: CountryCode = 'US'): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), defaultCountry);
  if (!parsed || parsed.ext || !parsed.isValid()) return null;
  return parsed.number;
}

/** A phone number safe for logs: the start and the last digits kept, the middle hidden (+1202***0143). */
export function maskPhone(phone: string): string {
  // Short numbers would be nearly whole with the long form, so they keep only their last two digits.
  if (phone.length < 12) return `***${phone.slice(-2)}`;
  return `${phone.slice(0, 5)}***${phone.slice(-4)}`;
}
