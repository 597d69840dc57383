import { describe, expect, it } from 'vitest';
import type { Contact } from '../../../contracts/contacts';
import {
  type ContactFormValues,
  contactToForm,
  emptyContactForm,
  fieldMessage,
  formToInput,
  initials,
  placeFieldErrors,
} from './model';

const filled: ContactFormValues = {
  name: '  Pat Client ',
  phones: [
    { number: '', label: 'unused' },
    { number: ' (202) 555-0100 ', label: ' mobile ' },
    { number: '202 555 bad', label: '' },
  ],
  emails: [
    { address: 'pat@example.com', label: '' },
    { address: '   ', label: '' },
  ],
  address: '  ',
  coordinatorId: '',
};

describe('formToInput', () => {
  it('drops blank rows and blank labels, trims, and sends null for a blank address and coordinator', () => {
    expect(formToInput(filled).body).toEqual({
      name: 'Pat Client',
      phones: [{ number: '(202) 555-0100', label: 'mobile' }, { number: '202 555 bad' }],
      emails: [{ address: 'pat@example.com' }],
      address: null,
      coordinatorId: null,
    });
  });

  it('sends an empty list when every row is blank, so an edit can remove all phones', () => {
    expect(formToInput(emptyContactForm()).body.phones).toEqual([]);
    expect(formToInput(emptyContactForm()).body.emails).toEqual([]);
  });

  it('maps the server’s field names back to the form rows they came from', () => {
    const { rowOf } = formToInput(filled);
    expect(rowOf('body.phones.1.number')).toBe('phones.2.number');
    expect(rowOf('body.phones.0.label')).toBe('phones.1.label');
    expect(rowOf('body.emails.0.address')).toBe('emails.0.address');
    expect(rowOf('body.name')).toBe('name');
    expect(rowOf('body.coordinatorId')).toBe('coordinatorId');
    expect(rowOf('body.phones')).toBe('phones');
    expect(rowOf('body.phones.7.number')).toBe('phones');
    expect(rowOf('body')).toBeNull();
  });
});

describe('placeFieldErrors', () => {
  const { rowOf } = formToInput(filled);
  const inputs = new Set(['name', 'phones.2.number', 'emails.0.address']);

  it('puts each error under its input and lists the ones without an input', () => {
    expect(
      placeFieldErrors(
        [
          { field: 'body.phones.1.number', message: 'is not a valid phone number' },
          { field: 'body.phones.1.number', message: 'is listed twice' },
          { field: 'body.emails.0.address', message: 'Invalid email address' },
          { field: 'body.coordinatorId', message: 'is not a user of this firm' },
          { field: 'body', message: 'is not valid JSON' },
        ],
        rowOf,
        (path) => inputs.has(path),
      ),
    ).toEqual({
      inline: { 'phones.2.number': 'Not a valid phone number', 'emails.0.address': 'Invalid email address' },
      other: [
        'phones.1.number: is listed twice',
        'coordinatorId: is not a user of this firm',
        'body: is not valid JSON',
      ],
    });
  });
});

describe('contactToForm', () => {
  it('fills the form from a stored contact, with blank strings for missing values', () => {
    const contact: Contact = {
      id: 'c1',
      name: 'Jane Roe',
      emails: [{ address: 'jane.roe@example.com', label: null }],
      phones: [{ number: '+12025550143', label: 'mobile' }],
      address: null,
      coordinatorId: null,
      portal: { status: 'active' },
      matterIds: [],
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    expect(contactToForm(contact)).toEqual({
      name: 'Jane Roe',
      phones: [{ number: '+12025550143', label: 'mobile' }],
      emails: [{ address: 'jane.roe@example.com', label: '' }],
      address: '',
      coordinatorId: '',
    });
  });
});

describe('fieldMessage and initials', () => {
  it('turns the server’s phrase into a message under an input', () => {
    expect(fieldMessage('is not a valid phone number')).toBe('Not a valid phone number');
    expect(fieldMessage('must not be empty')).toBe('Must not be empty');
  });

  it('takes the first letters of the first and last name', () => {
    expect(initials('Jane Roe')).toBe('JR');
    expect(initials('  maria  de la Garcia ')).toBe('MG');
    expect(initials('Cher')).toBe('C');
    expect(initials('')).toBe('');
  });
});
