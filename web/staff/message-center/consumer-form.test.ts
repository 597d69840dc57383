import { describe, expect, it } from 'vitest';
import { ApiError } from '../../ui/problem';
import { bodyOf, completeAddress, fieldErrors, formOf, noVerdictReason, zoneLook } from './consumer-form';

const saved = {
  name: 'Rosa Delgado',
  address: '1 Federal St, Boston, MA 02110',
  email: 'rosa@example.com',
  potentialLead: true,
  existingCustomer: false,
  interestedIn: 'service' as const,
  preferredTime: 'evening' as const,
  place: { postalCode: '02110', city: 'Boston', state: 'MA' },
  updatedAt: '2026-12-01T12:00:00.000Z',
};

describe('formOf and bodyOf', () => {
  it('round-trips saved details', () => {
    const { place: _place, updatedAt: _at, ...answers } = saved;
    expect(bodyOf(formOf(saved))).toEqual(answers);
  });

  it('starts empty without details, and sends blanks as no answer', () => {
    expect(formOf(null)).toEqual({
      name: '',
      address: '',
      email: '',
      potentialLead: '',
      existingCustomer: '',
      interestedIn: '',
      preferredTime: '',
    });
    expect(bodyOf({ ...formOf(null), name: '  ' })).toMatchObject({ name: null, potentialLead: null });
  });

  it('drops the lead answers unless the customer is a potential lead', () => {
    const form = { ...formOf(saved), potentialLead: 'no' as const };
    expect(bodyOf(form)).toMatchObject({
      potentialLead: false,
      existingCustomer: null,
      interestedIn: null,
      preferredTime: null,
    });
  });
});

describe('completeAddress', () => {
  it.each([
    ['12 Elm St, Wake', '12 Elm St, Wakefield, MA 01880'],
    ['12 Elm St, Wakefield, MA', '12 Elm St, Wakefield, MA 01880'],
    ['12 Elm St 0188', '12 Elm St, Wakefield, MA 01880'],
    ['Wakef', 'Wakefield, MA 01880'],
    ['0188', 'Wakefield, MA 01880'],
  ])('completes %s', (typed, address) => {
    expect(completeAddress(typed, 'Wakefield, MA 01880')).toBe(address);
  });
});

describe('fieldErrors', () => {
  it('maps the 400 fields onto the form', () => {
    const error = new ApiError(400, {
      type: '/problems/validation',
      title: 'Invalid request',
      status: 400,
      errors: [{ field: 'body.email', message: 'Invalid email address' }],
    });
    expect(fieldErrors(error)).toEqual({ email: 'Invalid email address' });
    expect(fieldErrors(new Error('x'))).toEqual({});
  });
});

describe('zoneLook and noVerdictReason', () => {
  it('labels each zone with its miles', () => {
    expect(zoneLook({ zone: 'ideal', miles: 1.4, idealMiles: 10, maxMiles: 30 })).toMatchObject({
      label: 'Ideal · 1.4 mi',
      color: 'teal',
    });
    expect(zoneLook({ zone: 'max', miles: 12, idealMiles: 10, maxMiles: 30 })?.label).toBe('Max · 12.0 mi');
    expect(zoneLook({ zone: 'outside', miles: 34.9, idealMiles: 10, maxMiles: 30 })?.description).toContain(
      'outside the service area',
    );
    expect(zoneLook(null)).toBeNull();
  });

  it('says why there is no verdict', () => {
    expect(noVerdictReason({ consumer: null, serviceArea: null })).toMatch(/Add the customer’s address/);
    expect(noVerdictReason({ consumer: { ...saved, place: null }, serviceArea: null })).toMatch(/unknown/);
    expect(noVerdictReason({ consumer: saved, serviceArea: null })).toMatch(/no service area/);
    expect(
      noVerdictReason({
        consumer: saved,
        serviceArea: { zone: 'ideal', miles: 0, idealMiles: 1, maxMiles: 2 },
      }),
    ).toBeNull();
  });
});
