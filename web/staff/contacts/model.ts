import type { Contact, PortalStatus } from '../../../contracts/contacts';

/** The body of `POST /api/v1/contacts` and `PATCH /api/v1/contacts/:id` (lists replace the stored ones). */
export interface ContactInput {
  name: string;
  phones: { number: string; label?: string }[];
  emails: { address: string; label?: string }[];
  address: string | null;
  coordinatorId: string | null;
}

/** The contact form as the user fills it in: every field a string, blank rows allowed. */
export interface ContactFormValues {
  name: string;
  phones: { number: string; label: string }[];
  emails: { address: string; label: string }[];
  address: string;
  coordinatorId: string;
}

/** An empty form with one blank phone and one blank e-mail row to type into. */
export function emptyContactForm(): ContactFormValues {
  return {
    name: '',
    phones: [{ number: '', label: '' }],
    emails: [{ address: '', label: '' }],
    address: '',
    coordinatorId: '',
  };
}

/** The form filled with a stored contact (for editing). */
export function contactToForm(contact: Contact): ContactFormValues {
  return {
    name: contact.name,
    phones: contact.phones.map((p) => ({ number: p.number, label: p.label ?? '' })),
    emails: contact.emails.map((e) => ({ address: e.address, label: e.label ?? '' })),
    address: contact.address ?? '',
    coordinatorId: contact.coordinatorId ?? '',
  };
}

/**
 * The request body for the form. Blank rows are left out, so the body's list positions differ from the
 * form's; `rowOf` maps a body field back to the form field (body.phones.0.number → phones.2.number) for
 * showing the server's field errors on the input that caused them.
 */
export function formToInput(values: ContactFormValues): {
  body: ContactInput;
  rowOf: (serverField: string) => string | null;
} {
  const phoneRows: number[] = [];
  const phones: ContactInput['phones'] = [];
  values.phones.forEach((p, row) => {
    if (!p.number.trim()) return;
    phoneRows.push(row);
    phones.push(withLabel({ number: p.number.trim() }, p.label));
  });
  const emailRows: number[] = [];
  const emails: ContactInput['emails'] = [];
  values.emails.forEach((e, row) => {
    if (!e.address.trim()) return;
    emailRows.push(row);
    emails.push(withLabel({ address: e.address.trim() }, e.label));
  });
  const rows: Record<string, number[]> = { phones: phoneRows, emails: emailRows };
  return {
    body: {
      name: values.name.trim(),
      phones,
      emails,
      address: values.address.trim() || null,
      coordinatorId: values.coordinatorId || null,
    },
    rowOf(serverField) {
      const parts = serverField.replace(/^body\.?/, '').split('.');
      const [list, index, ...rest] = parts;
      if (!list) return null;
      const positions = rows[list];
      if (!positions) return parts.join('.');
      if (index === undefined) return list;
      const row = positions[Number(index)];
      return row === undefined ? list : [list, String(row), ...rest].join('.');
    },
  };
}

function withLabel<T extends object>(entry: T, label: string): T & { label?: string } {
  const trimmed = label.trim();
  return trimmed ? { ...entry, label: trimmed } : entry;
}

/** A field message for under an input: "is not a valid phone number" → "Not a valid phone number". */
export function fieldMessage(message: string): string {
  const text = message.replace(/^is\s+/, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Splits a 400 answer's field errors into those the form shows under an input (keyed by form path) and the
 * rest, which the dialog lists above its buttons. `known` says which form paths have an input.
 */
export function placeFieldErrors(
  errors: { field: string; message: string }[],
  rowOf: (serverField: string) => string | null,
  known: (formPath: string) => boolean,
): { inline: Record<string, string>; other: string[] } {
  const inline: Record<string, string> = {};
  const other: string[] = [];
  for (const e of errors) {
    const path = rowOf(e.field);
    if (path && known(path) && !inline[path]) inline[path] = fieldMessage(e.message);
    else other.push(`${e.field.replace(/^body\./, '')}: ${e.message}`);
  }
  return { inline, other };
}

/** Words for a contact's portal status. */
export const portalWords: Record<PortalStatus, string> = {
  none: 'No portal',
  invited: 'Invited',
  active: 'Active',
};

/** "Jane Roe" → "JR", for the avatar. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}
