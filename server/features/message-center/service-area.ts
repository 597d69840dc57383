import type { ServiceAreaVerdict, ServiceZone } from '../../../contracts/message-center';
import { haversineMiles, type LatLng } from '../../platform/geo/haversine';

// The service-area indicator: where the customer's place lies against the ideal and maximum radii
// of the conversation's location (settings, "Edit Location").

/** A location's service area: centre and radii in miles. */
export interface ServiceAreaCircle extends LatLng {
  idealMiles: number;
  maxMiles: number;
}

/** The zone of a distance: a customer exactly on a radius is still inside it. */
export function zoneOf(miles: number, area: Pick<ServiceAreaCircle, 'idealMiles' | 'maxMiles'>): ServiceZone {
  if (miles <= area.idealMiles) return 'ideal';
  if (miles <= area.maxMiles) return 'max';
  return 'outside';
}

/**
 * The verdict for a customer's place, or null when there is nothing to judge (no resolved place, or
 * a location without a service area). The zone is decided on the exact distance; miles are rounded
 * to one decimal for display.
 */
export function serviceAreaOf(
  place: LatLng | null,
  area: ServiceAreaCircle | null,
): ServiceAreaVerdict | null {
  if (!place || !area) return null;
  const miles = haversineMiles(area, place);
  return {
    zone: zoneOf(miles, area),
    miles: Math.round(miles * 10) / 10,
    idealMiles: area.idealMiles,
    maxMiles: area.maxMiles,
  };
}
