import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
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

// Reading the package's 5 MB of JavaScript and sorting its 41,000 places takes about 0.7 s of CPU: done in
// a worker thread, so it runs on another core while the main thread goes on (a demo seed starts it early,
// and its first service area finds the places ready). Plain JavaScript, evaluated as the worker's script.
const LOAD_PLACES = `
const { parentPort, workerData } = require('node:worker_threads');
const { codes } = require(workerData.module);
const places = [];
for (const c of Object.values(codes)) {
  // The package also ships Canadian postal codes; Parley's numbers and ZIP codes are US ones.
  if (c.country !== 'US' || !/^\\d{5}$/.test(c.zip)) continue;
  places.push({ postalCode: c.zip, city: c.city, state: c.state, lat: c.latitude, lng: c.longitude });
}
const collator = new Intl.Collator();
places.sort((a, b) =>
  collator.compare(a.city, b.city) || collator.compare(a.state, b.state) || collator.compare(a.postalCode, b.postalCode));
parentPort.postMessage(places);
`;

/** Every US place sorted by city, state, ZIP, from a worker thread. */
function loadPlaces(): Promise<Place[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOAD_PLACES, {
      eval: true,
      workerData: { module: createRequire(import.meta.url).resolve('zipcodes') },
    });
    // A server stopping while the places load does not wait for them.
    worker.unref();
    worker.once('message', (places: Place[]) => resolve(places));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the ZIP-code loader stopped (exit ${code})`)));
  });
}

/** The geocoder's dataset, loaded once, on first use or when prepared (a server that never geocodes never loads it). */
function createIndex(): () => Promise<Index> {
  let loading: Promise<Index> | undefined;
  return () => {
    loading ??= loadPlaces().then(
      (sorted) => ({ byZip: new Map(sorted.map((p) => [p.postalCode, p])), sorted }),
      (error: unknown) => {
        // The next use tries again.
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
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
  const index = createIndex();
  return {
    prepare() {
      // Failures surface at the first use, which loads again.
      index().catch(() => {});
    },
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
