// What an inbound text means for consent. Keywords follow Twilio's rule (the whole text is exactly one
// keyword, any case), which is also what carriers act on. The FCC rule (24-18) lets consent be revoked
// "in any reasonable manner", so free text that reads like a revocation is flagged for staff review;
// it is never blocked automatically because "stop by the office" must not cut a client off.

/** Keywords that opt the sender out of texts from this number (per-se revocations). */
export const optOutKeywords = [
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'REVOKE',
  'OPTOUT',
] as const;
/** Keywords that opt the sender back in. */
export const optInKeywords = ['START', 'YES', 'UNSTOP'] as const;
/** Keywords that ask for the program's help text. */
export const helpKeywords = ['HELP', 'INFO'] as const;

export type OptOutKeyword = (typeof optOutKeywords)[number];
export type OptInKeyword = (typeof optInKeywords)[number];
export type HelpKeyword = (typeof helpKeywords)[number];

/** The meaning of an inbound text for consent handling. */
export type InboundClassification =
  | { kind: 'opt-out'; keyword: OptOutKeyword }
  | { kind: 'opt-in'; keyword: OptInKeyword }
  | { kind: 'help'; keyword: HelpKeyword }
  /** Anything else; `likelyRevocation` asks staff to review whether the sender withdrew consent. */
  | { kind: 'text'; likelyRevocation: boolean };

// Whitespace, punctuation, symbols (emoji included), invisible format characters and variation selectors.
const EDGE = /^(?:[\s\p{P}\p{S}\p{Cf}]|\uFE0E|\uFE0F)+|(?:[\s\p{P}\p{S}\p{Cf}]|\uFE0E|\uFE0F)+$/gu;

/** The text reduced for matching: compatibility forms folded (full-width letters), edges trimmed, upper case. */
function keywordOf(body: string): string {
  return body.normalize('NFKC').replace(EDGE, '').toUpperCase();
}

function member<T extends string>(list: readonly T[], word: string): T | undefined {
  return list.find((k) => k === word);
}

// Short texts made only of these words around a revocation word ("STOP PLEASE", "yes stop it now") are
// revocations in any reasonable reading.
const FILLER = new Set(
  'please pls plz now it all thanks thank you thx ty immediately asap right away ok okay yes no hi hey hello sorry just for good again'.split(
    ' ',
  ),
);
const REVOCATION_WORDS = new Set([
  'stop',
  'stopall',
  'unsubscribe',
  'cancel',
  'end',
  'quit',
  'revoke',
  'optout',
]);

// Not preceded by a negation ("please don't stop texting me"), allowing one word in between.
const NOT_NEGATED = String.raw`(?<!\b(?:don't|dont|do not|never|not|won't|didn't)\s+(?:\w+\s+)?)`;
const TEXTS = '(?:texts|txts|text messages|messages|sms)';

// Each phrase, with the sender as subject, asks for texts to end.
const REVOCATION_PATTERNS: RegExp[] = [
  new RegExp(
    String.raw`${NOT_NEGATED}\b(?:stop|quit|cease) (?:all )?(?:texting|txting|messaging|contacting|spamming)\b`,
  ),
  new RegExp(
    String.raw`${NOT_NEGATED}\b(?:stop|quit|cease) (?:sending )?(?:me )?(?:all |any |the |these |those |your |with the )*(?:more )?${TEXTS}\b`,
  ),
  /\b(?:don't|dont|do not|never|no longer) (?:ever )?(?:text|txt|message|sms|contact) (?:me|us|this number)\b/,
  new RegExp(String.raw`\bno more ${TEXTS}\b`),
  /\b(?:remove|take) (?:me|my (?:phone )?number|this number) (?:off|from) (?:your |the |this |all |any )?(?:\w+ )?(?:list|lists|texts|messages)\b/,
  /\bunsubscribe\b/,
  /\bopt(?:ing)? ?out\b/,
  /\b(?:revok(?:e|ing)|withdraw(?:ing)?) (?:my )?consent\b/,
  /\bleave me alone\b/,
  /\bwrong number\b/,
];

/** True when free text reads like a withdrawal of consent to be texted; meant for staff review only. */
export function isLikelyRevocation(body: string): boolean {
  const text = body
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[^\p{L}\p{N}'\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return false;
  const words = text.split(' ');
  const onlyRevocationAndFiller =
    words.length <= 6 &&
    words.some((w) => REVOCATION_WORDS.has(w)) &&
    words.every((w) => REVOCATION_WORDS.has(w) || FILLER.has(w));
  return onlyRevocationAndFiller || REVOCATION_PATTERNS.some((p) => p.test(text));
}

/** Classifies an inbound text: a consent keyword (exact single word) or free text, possibly a revocation. */
export function classifyInbound(body: string): InboundClassification {
  const word = keywordOf(body);
  const optOut = member(optOutKeywords, word);
  if (optOut) return { kind: 'opt-out', keyword: optOut };
  const optIn = member(optInKeywords, word);
  if (optIn) return { kind: 'opt-in', keyword: optIn };
  const help = member(helpKeywords, word);
  if (help) return { kind: 'help', keyword: help };
  return { kind: 'text', likelyRevocation: isLikelyRevocation(body) };
}
