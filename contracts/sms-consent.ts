import { z } from 'zod';
import { consentCause, consentEntryOut } from './message-center';

// What staff see of a customer number's consent to texts from one firm number (the ledger itself is
// consentEntryOut in message-center.ts). Server and web both read this file.

const isoTime = z.iso.datetime().describe('ISO 8601 UTC time');

/** The current consent of a (customer number, firm number) pair, for composers and banners. */
export const consentStatusOut = z.object({
  optedOut: z
    .boolean()
    .describe('The customer opted out: every text to them from this number is refused (422 opted-out)'),
  since: isoTime.nullable().describe('When the current state was set; null when it never changed'),
  cause: consentCause.nullable().describe('What set the current state; null when it never changed'),
  keyword: z.string().nullable().describe('The keyword the customer texted (STOP …) when that set it'),
  revocationFlagged: z
    .boolean()
    .describe('A text of the customer reads like a withdrawal of consent and awaits a staff decision'),
  revocationMessageId: z.string().nullable().describe('That text, when it was stored'),
});
export type ConsentStatus = z.output<typeof consentStatusOut>;

/** `GET /conversations/{id}/consent` and the answers of the opt-out calls: the pair's ledger and status. */
export const consentLedgerOut = consentStatusOut.extend({
  phone: z.string().describe('Customer number (E.164)'),
  firmPhone: z.string().describe('Firm number (E.164)'),
  items: z.array(consentEntryOut).describe('Every change, oldest first'),
});
export type ConsentLedger = z.output<typeof consentLedgerOut>;
