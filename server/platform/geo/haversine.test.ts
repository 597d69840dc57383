import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_MILES, haversineMiles } from './haversine';

describe('haversineMiles', () => {
  it('is zero from a point to itself', () => {
    expect(haversineMiles({ lat: 42.36, lng: -71.06 }, { lat: 42.36, lng: -71.06 })).toBe(0);
  });

  it('is symmetric', () => {
    const a = { lat: 42.3576, lng: -71.0514 };
    const b = { lat: 41.824, lng: -71.4128 };
    expect(haversineMiles(a, b)).toBe(haversineMiles(b, a));
  });

  it('measures one degree of latitude as about 69.1 miles', () => {
    expect(haversineMiles({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo(69.09, 1);
  });

  it('shrinks a degree of longitude with the cosine of the latitude', () => {
    const atEquator = haversineMiles({ lat: 0, lng: 0 }, { lat: 0, lng: 1 });
    const at60 = haversineMiles({ lat: 60, lng: 0 }, { lat: 60, lng: 1 });
    expect(at60 / atEquator).toBeCloseTo(0.5, 3);
  });

  it('measures Boston to New York as about 190 miles', () => {
    expect(haversineMiles({ lat: 42.3601, lng: -71.0589 }, { lat: 40.7128, lng: -74.006 })).toBeCloseTo(
      190,
      -1,
    );
  });

  it('gives half the circumference between antipodes, never NaN', () => {
    expect(haversineMiles({ lat: 10, lng: 20 }, { lat: -10, lng: -160 })).toBeCloseTo(
      Math.PI * EARTH_RADIUS_MILES,
      2,
    );
  });

  it('crosses the antimeridian the short way', () => {
    expect(haversineMiles({ lat: 0, lng: 179.5 }, { lat: 0, lng: -179.5 })).toBeCloseTo(69.09, 1);
  });
});
