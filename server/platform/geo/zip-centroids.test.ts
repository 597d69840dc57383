import { describe, expect, it } from 'vitest';
import { createZipCentroidGeocoder } from './zip-centroids';

const geocoder = createZipCentroidGeocoder();

describe('the ZIP-centroid geocoder', () => {
  it('locates an address by its ZIP code', async () => {
    const place = await geocoder.locate('1 Federal St, Boston, MA 02110');
    expect(place).toMatchObject({ postalCode: '02110', city: 'Boston', state: 'MA' });
    expect(place?.lat).toBeCloseTo(42.36, 1);
    expect(place?.lng).toBeCloseTo(-71.05, 1);
  });

  it('answers null for an address without a ZIP code or with an unknown one', async () => {
    expect(await geocoder.locate('1 Federal St, Boston')).toBeNull();
    expect(await geocoder.locate('Nowhere 00000')).toBeNull();
  });

  it('does not locate Canadian postal codes the dataset also holds', async () => {
    expect(await geocoder.suggest('Toronto, ON', 5)).toEqual([]);
  });

  it('suggests the one place of a full ZIP code', async () => {
    expect(await geocoder.suggest('12 Main St 02139', 5)).toMatchObject([
      { postalCode: '02139', city: 'Cambridge' },
    ]);
  });

  it('suggests ZIP codes starting with the digits typed, in order', async () => {
    const places = await geocoder.suggest('0211', 3);
    expect(places.map((p) => p.postalCode)).toEqual(['02110', '02111', '02112']);
  });

  it('suggests a city by the start of its name, exact names first, narrowed by state', async () => {
    const places = await geocoder.suggest('12 Main St, Springfield, IL', 50);
    expect(places.length).toBeGreaterThan(0);
    expect(places.every((p) => p.city === 'Springfield' && p.state === 'IL')).toBe(true);
    const boston = await geocoder.suggest('boston', 5);
    expect(boston[0]).toMatchObject({ city: 'Boston' });
  });

  it('suggests nothing for one letter or nothing typed', async () => {
    expect(await geocoder.suggest('b', 5)).toEqual([]);
    expect(await geocoder.suggest('  ', 5)).toEqual([]);
  });

  it('keeps to the limit', async () => {
    expect(await geocoder.suggest('New', 4)).toHaveLength(4);
  });
});
