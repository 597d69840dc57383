import type { ConsentLedger, ConsentStatus } from '../../../contracts/sms-consent';
import type { Executor } from '../../platform/db/client';
import { consentLedgerOf, currentConsent, entryOf } from './consent';

/** The current consent of a pair as staff see it: state, since when, why, and a pending flag. */
export async function consentStatusOf(
  ex: Executor,
  firmId: string,
  phone: string,
  firmPhone: string,
): Promise<ConsentStatus> {
  const row = await currentConsent(ex, firmId, phone, firmPhone);
  const entry = row ? await entryOf(ex, firmId, row.entryId) : null;
  const optedOut = row?.state === 'opted_out';
  return {
    optedOut,
    since: row?.changedAt?.toISOString() ?? null,
    cause: (entry?.cause as ConsentStatus['cause']) ?? null,
    keyword: entry?.keyword ?? null,
    revocationFlagged: !optedOut && row?.revocationFlaggedAt != null,
    revocationMessageId: optedOut ? null : (row?.revocationMessageId ?? null),
  };
}

/** The pair's status and whole ledger, oldest first. */
export async function consentLedgerAnswer(
  ex: Executor,
  firmId: string,
  phone: string,
  firmPhone: string,
): Promise<ConsentLedger> {
  return {
    phone,
    firmPhone,
    ...(await consentStatusOf(ex, firmId, phone, firmPhone)),
    items: await consentLedgerOf(ex, firmId, phone, firmPhone),
  };
}
