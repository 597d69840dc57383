import { describe, expect, it } from 'vitest';
import { consumerDetailsOf, presentConsumer } from './consumer-model';

const boston = { postalCode: '02110', city: 'Boston', state: 'MA', lat: 42.3576, lng: -71.0514 };

describe('consumerDetailsOf', () => {
  it('keeps every answer of a potential lead and the place of the address', () => {
    expect(
      consumerDetailsOf(
        {
          name: ' Ana Ortiz ',
          address: '1 Federal St, Boston, MA 02110',
          email: 'ana@example.com',
          potentialLead: true,
          existingCustomer: false,
          interestedIn: 'service',
          preferredTime: 'evening',
        },
        boston,
      ),
    ).toEqual({
      name: 'Ana Ortiz',
      address: '1 Federal St, Boston, MA 02110',
      email: 'ana@example.com',
      potentialLead: true,
      existingCustomer: false,
      interestedIn: 'service',
      preferredTime: 'evening',
      place: boston,
    });
  });

  it.each([false, null, undefined])('clears the lead questions when potentialLead is %s', (potentialLead) => {
    const details = consumerDetailsOf(
      { potentialLead, existingCustomer: true, interestedIn: 'sales', preferredTime: 'morning' },
      null,
    );
    expect(details).toMatchObject({ existingCustomer: null, interestedIn: null, preferredTime: null });
    expect(details.potentialLead).toBe(potentialLead ?? null);
  });

  it('treats blank texts as no answer and drops the place without an address', () => {
    expect(consumerDetailsOf({ name: '  ', address: '', email: undefined }, boston)).toMatchObject({
      name: null,
      address: null,
      email: null,
      place: null,
    });
  });
});

describe('presentConsumer', () => {
  it('shows the place without its coordinates', () => {
    const out = presentConsumer(consumerDetailsOf({ address: 'Boston 02110' }, boston), new Date(0));
    expect(out.place).toEqual({ postalCode: '02110', city: 'Boston', state: 'MA' });
    expect(out.updatedAt).toBe('1970-01-01T00:00:00.000Z');
  });
});
