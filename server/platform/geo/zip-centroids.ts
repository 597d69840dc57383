import { type Geocoder, type Place, zipCodeOf } from './geocoder';

// The default geocoder: offline, from the US ZIP-code centroids the `zipcodes` package ships (city,
// state and centre of each ZIP code). An address resolves through its ZIP code, so a distance is
// the distance to the centre of the customer's ZIP code: good to a few miles, which is what a
// service-area verdict needs, with no network call and no address leaving the server.

interface Index {
  byZip: Map<string, Place>;
  /** Every place sorted by city, state, ZIP: suggestions come out in this order. */
  sorted: Place[];
}

let loading: Promise<Index> | undefined;

/** Loads the dataset once, on first use (it is a few megabytes: a server that never geocodes never loads it). */
function index(): Promise<Index> {
  loading ??= import('zipcodes').then((mod) => {
    const codes = (mod.default ?? mod).codes;
    const places: Place[] = [];
    for (const c of Object.values(codes)) {
      // The package also ships Canadian postal codes; Parley's numbers and ZIP codes are US ones.
      if (c.country !== 'US' || !/^\d{5}$/.test(c.zip)) continue;
      places.push({ postalCode: c.zip, city: c.city, state: c.state, lat: c.latitude, lng: c.longitude });
    }
    places.sort(
      (a, b) =>
        a.city.localeCompare(b.city) ||
        a.state.localeCompare(b.state) ||
        a.postalCode.localeCompare(b.postalCode),
    );
    return { byZip: new Map(places.map((p) => [p.postalCode, p])), sorted: places };
  });
  return loading;
}

/** What the end of a typed address asks for: a ZIP code, the start of one, or a city (and state). */
type Wanted = { zip: string } | { zipPrefix: string } | { city: string; state: string | null } | null;

function wantedBy(query: string): Wanted {
  const text = query.trim();
  const zip = zipCodeOf(text);
  if (zip) return { zip };
  const prefix = /(?:^|\D)(\d{1,4})$/.exec(text)?.[1];
  if (prefix) return { zipPrefix: prefix };
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  const last = parts.at(-1);
  if (!last) return null;
  // "…, Boston, MA": the last part is a state when it is two letters after a city.
  if (parts.length >= 2 && /^[A-Za-z]{2}$/.test(last))
    return { city: parts.at(-2) as string, state: last.toUpperCase() };
  return last.length >= 2 ? { city: last, state: null } : null;
}

/** The offline ZIP-centroid geocoder. */
export function createZipCentroidGeocoder(): Geocoder {
  return {
    async locate(address) {
      const zip = zipCodeOf(address);
      if (!zip) return null;
      return (await index()).byZip.get(zip) ?? null;
    },
    async suggest(query, limit) {
      const wanted = wantedBy(query);
      if (!wanted) return [];
      const { byZip, sorted } = await index();
      if ('zip' in wanted) {
        const place = byZip.get(wanted.zip);
        return place ? [place] : [];
      }
      if ('zipPrefix' in wanted) {
        const out: Place[] = [];
        for (const [zip, place] of byZip) {
          if (zip.startsWith(wanted.zipPrefix)) out.push(place);
        }
        return out.sort((a, b) => a.postalCode.localeCompare(b.postalCode)).slice(0, limit);
      }
      const city = wanted.city.toLowerCase();
      const matching = sorted.filter(
        (p) => p.city.toLowerCase().startsWith(city) && (wanted.state === null || p.state === wanted.state),
      );
      // A city named exactly as typed comes before longer names that merely start the same way.
      const exact = matching.filter((p) => p.city.toLowerCase() === city);
      const rest = matching.filter((p) => p.city.toLowerCase() !== city);
      return [...exact, ...rest].slice(0, limit);
    },
  };
}
