import { conflict } from '../../platform/http/problem';

/**
 * A time entry can be edited or deleted until an export includes it: from then on it is on a bill.
 * Sent with the entry (by those who see it, who may all work on it) so the list does not re-implement it.
 */
export function entryAbilities(entry: { exportedAt: Date | null }) {
  const changeable = entry.exportedAt === null;
  return { edit: changeable, delete: changeable };
}

/** 409 for an exported entry. */
export function assertEntryChangeable(entry: { exportedAt: Date | null }): void {
  if (entry.exportedAt !== null)
    throw conflict('entry-exported', 'This time entry was exported and can no longer change.');
}
