import { describe, expect, it } from 'vitest';
import { haversineMiles } from '../../platform/geo/haversine';
import { serviceAreaOf, zoneOf } from './service-area';

const area = { lat: 42.3576, lng: -71.0514, idealMiles: 10, maxMiles: 25 };

describe('zoneOf', () => {
  it.each([
    [0, 'ideal'],
    [9.99, 'ideal'],
    [10, 'ideal'],
    [10.0001, 'max'],
    [25, 'max'],
    [25.0001, 'outside'],
    [1000, 'outside'],
  ] as const)('%s miles is %s', (miles, zone) => {
    expect(zoneOf(miles, area)).toBe(zone);
  });

  it('has no max zone when both radii are equal', () => {
    expect(zoneOf(10, { idealMiles: 10, maxMiles: 10 })).toBe('ideal');
    expect(zoneOf(10.01, { idealMiles: 10, maxMiles: 10 })).toBe('outside');
  });
});

describe('serviceAreaOf', () => {
  it('is null without a place or without a service area', () => {
    expect(serviceAreaOf(null, area)).toBeNull();
    expect(serviceAreaOf({ lat: 42, lng: -71 }, null)).toBeNull();
  });

  it('is ideal at the centre, with zero miles and the radii', () => {
    expect(serviceAreaOf({ lat: area.lat, lng: area.lng }, area)).toEqual({
      zone: 'ideal',
      miles: 0,
      idealMiles: 10,
      maxMiles: 25,
    });
  });

  it('decides on the exact distance and rounds the miles it shows', () => {
    const place = { lat: 42.3647, lng: -71.1042 };
    const exact = haversineMiles(area, place);
    expect(serviceAreaOf(place, { ...area, idealMiles: exact })?.zone).toBe('ideal');
    const beyond = serviceAreaOf(place, { ...area, idealMiles: exact - 1e-9 });
    expect(beyond?.zone).toBe('max');
    expect(beyond?.miles).toBe(Math.round(exact * 10) / 10);
    expect(serviceAreaOf(place, { ...area, idealMiles: exact / 3, maxMiles: exact / 2 })?.zone).toBe(
      'outside',
    );
  });
});
