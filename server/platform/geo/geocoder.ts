// The geocoder port: turns what a customer says about where they live into a place with
// coordinates. Features depend on this interface only; bootstrap.ts picks the adapter.

/** A place the geocoder knows: a US ZIP code with its city, state and centre. */
export interface Place {
  /** Five-digit US ZIP code. */
  postalCode: string;
  city: string;
  /** Two-letter state code. */
  state: string;
  lat: number;
  lng: number;
}

/** Resolves addresses to places and suggests places for an address being typed. */
export interface Geocoder {
  /** The place an address lies in, or null when none of it resolves (no ZIP code, or an unknown one). */
  locate(address: string): Promise<Place | null>;
  /** Places matching the end of what was typed (a ZIP code or its start, a city, "city, ST"), best first. */
  suggest(query: string, limit: number): Promise<Place[]>;
  /** Starts loading what it needs in the background, ahead of a burst of use (the demo seed). */
  prepare?(): void;
}

/** The ZIP code an address names: the last five-digit group, with or without its +4 part. */
export function zipCodeOf(address: string): string | null {
  const matches = [...address.matchAll(/(?<!\d)(\d{5})(?:-\d{4})?(?!\d)/g)];
  return matches.at(-1)?.[1] ?? null;
}

/** One line naming a place, as suggestions show it and as it completes an address: "Boston, MA 02110". */
export function placeLabel(place: Pick<Place, 'city' | 'state' | 'postalCode'>): string {
  return `${place.city}, ${place.state} ${place.postalCode}`;
}
