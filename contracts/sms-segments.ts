// How a text is encoded and split into billable segments (3GPP TS 23.038 / 23.040), matching Twilio's
// calculator (npm sms-segments-calculator, the oracle of the tests). Written here rather than imported
// because that package walks every text with a slow grapheme splitter (7 ms for 1,600 characters), too
// slow for the outbox relay; this takes about 0.2 ms for 1,600 GSM characters, and graphemes are only
// walked for long UCS-2 texts (about 1 ms for 1,600). Pure, no Node APIs: the web composer can import it.

/** GSM 03.38 default alphabet: one septet each. */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** GSM 03.38 extension table: an escape septet plus one, so two each. */
const GSM_EXTENDED = '\f^{}\\[~]|€';

const septets = new Map<string, number>([
  ...[...GSM_BASIC].map((c): [string, number] => [c, 1]),
  ...[...GSM_EXTENDED].map((c): [string, number] => [c, 2]),
]);

/** The two SMS encodings: GSM-7 packs 7-bit septets, UCS-2 spends 16 bits on every UTF-16 unit. */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** Characters per segment: a lone text, and each part of a concatenated one (its header costs the rest). */
export const segmentCapacity: Record<SmsEncoding, { single: number; multipart: number }> = {
  'GSM-7': { single: 160, multipart: 153 },
  'UCS-2': { single: 70, multipart: 67 },
};

/** How a text will travel. */
export interface SmsMeasure {
  /** GSM-7 unless some character is outside the GSM alphabet; then the whole text is UCS-2. */
  encoding: SmsEncoding;
  /** Length in the encoding's units: septets (escaped characters count 2) or UTF-16 units (emoji count 2). */
  units: number;
  /** Segments billed; 0 for an empty text. */
  segments: number;
  /** Units still free in the last segment before one more is needed (for a live counter). */
  remainingInSegment: number;
  /** The characters that forced UCS-2, each once, in order of first appearance. */
  nonGsmCharacters: string[];
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Greedy packing: a piece that does not fit what is left of a segment starts the next one. */
function pack(costs: Iterable<number>, capacity: number): { segments: number; lastUsed: number } {
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > capacity) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { segments, lastUsed: used };
}

function* septetCosts(body: string): Generator<number> {
  for (const c of body) yield septets.get(c) ?? 0;
}

// Twilio keeps a grapheme (an emoji with its modifiers, a letter with its accents) inside one segment;
// only a grapheme longer than a whole segment is split, between code points.
function* ucs2Costs(body: string, capacity: number): Generator<number> {
  for (const { segment } of graphemes.segment(body)) {
    if (segment.length <= capacity) {
      yield segment.length;
    } else {
      for (const c of segment) yield c.length;
    }
  }
}

/** Encoding, length and segment count of a text. */
export function measureSms(body: string): SmsMeasure {
  const nonGsm = new Set<string>();
  let gsmUnits = 0;
  for (const c of body) {
    const cost = septets.get(c);
    if (cost === undefined) nonGsm.add(c);
    else gsmUnits += cost;
  }
  const encoding: SmsEncoding = nonGsm.size === 0 ? 'GSM-7' : 'UCS-2';
  const units = encoding === 'GSM-7' ? gsmUnits : body.length;
  const { single, multipart } = segmentCapacity[encoding];
  const nonGsmCharacters = [...nonGsm];
  if (units === 0) return { encoding, units, segments: 0, remainingInSegment: single, nonGsmCharacters };
  if (units <= single) {
    return { encoding, units, segments: 1, remainingInSegment: single - units, nonGsmCharacters };
  }
  const costs = encoding === 'GSM-7' ? septetCosts(body) : ucs2Costs(body, multipart);
  const { segments, lastUsed } = pack(costs, multipart);
  return { encoding, units, segments, remainingInSegment: multipart - lastUsed, nonGsmCharacters };
}

/** Segments billed for a text; 0 for an empty one. */
export function countSegments(body: string): number {
  return measureSms(body).segments;
}
