import { describe, expect, it } from 'vitest';
import { type DeliveryStatus, deliveryStatuses } from '../../channels/sms/port';
import { advancesDelivery, isDeliveryStatus, statusesBefore, statusesKeptOver } from './model';

const finals: DeliveryStatus[] = ['delivered', 'undelivered', 'failed'];

describe('advancesDelivery', () => {
  it('moves forward through queued → sending → sent → a final state', () => {
    expect(advancesDelivery('queued', 'sending')).toBe(true);
    expect(advancesDelivery('queued', 'sent')).toBe(true);
    expect(advancesDelivery('sending', 'sent')).toBe(true);
    for (const final of finals) {
      expect(advancesDelivery('queued', final)).toBe(true);
      expect(advancesDelivery('sent', final)).toBe(true);
    }
  });

  it('never moves back or repeats (late or duplicated callbacks change nothing)', () => {
    for (const current of deliveryStatuses) expect(advancesDelivery(current, current)).toBe(false);
    expect(advancesDelivery('sent', 'queued')).toBe(false);
    expect(advancesDelivery('delivered', 'sent')).toBe(false);
    expect(advancesDelivery('failed', 'sending')).toBe(false);
  });

  it('keeps a final state: none replaces another', () => {
    for (const a of finals) for (const b of finals) expect(advancesDelivery(a, b)).toBe(false);
  });

  it('agrees with statusesBefore for every pair', () => {
    for (const next of deliveryStatuses)
      for (const current of deliveryStatuses)
        expect(statusesBefore(next).includes(current)).toBe(advancesDelivery(current, next));
    expect(statusesBefore('queued')).toEqual([]);
    expect(statusesBefore('delivered')).toEqual(['queued', 'sending', 'sent']);
  });

  it('statusesKeptOver is every other state: a state is either replaced by next or kept', () => {
    for (const next of deliveryStatuses)
      for (const current of deliveryStatuses)
        expect(statusesKeptOver(next).includes(current)).toBe(!statusesBefore(next).includes(current));
    // An answer of the provider never takes a delivery back from what a callback already recorded.
    expect(statusesKeptOver('sent')).toEqual(['sent', 'delivered', 'undelivered', 'failed']);
    expect(statusesKeptOver('queued')).toEqual([...deliveryStatuses]);
  });
});

describe('isDeliveryStatus', () => {
  it('knows Parley’s states only', () => {
    for (const s of deliveryStatuses) expect(isDeliveryStatus(s)).toBe(true);
    expect(isDeliveryStatus('read')).toBe(false);
    expect(isDeliveryStatus('')).toBe(false);
  });
});
