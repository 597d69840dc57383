// What people type for time worked: a clock ("12:30" is 12 minutes 30 seconds, "1:05:00" an hour and
// five minutes), units ("12m 30s", "1h 15m", "90s") or hours in tenths as bills show them ("0.3h").
// A bare number is minutes, as the old minutes field was.

const CLOCK = /^(?:(\d+):)?(\d+):(\d{1,2})$/;
const UNIT = /(\d+(?:\.\d+)?|\.\d+)\s*(h|hr|hrs|hours?|m|min|mins|minutes?|s|sec|secs|seconds?)(?![a-z])/gy;
const SECONDS_PER: Record<string, number> = { h: 3600, m: 60, s: 1 };

/** Seconds of a typed duration, or null when it is not one (or is not more than zero). */
export function parseDuration(input: string): number | null {
  const text = input.trim().toLowerCase();
  if (!text) return null;
  const clock = CLOCK.exec(text);
  if (clock) {
    const [, h = '0', m = '0', s = '0'] = clock;
    if (Number(s) >= 60 || (clock[1] !== undefined && Number(m) >= 60)) return null;
    return positive(Number(h) * 3600 + Number(m) * 60 + Number(s));
  }
  if (/^(\d+(\.\d+)?|\.\d+)$/.test(text)) return positive(Number(text) * 60);
  let total = 0;
  let at = 0;
  UNIT.lastIndex = 0;
  for (;;) {
    while (text[at] === ' ' || text[at] === ',') at += 1;
    if (at >= text.length) break;
    UNIT.lastIndex = at;
    const unit = UNIT.exec(text);
    if (!unit) return null;
    total += Number(unit[1]) * (SECONDS_PER[(unit[2] as string)[0] as string] as number);
    at = UNIT.lastIndex;
  }
  return positive(total);
}

function positive(seconds: number): number | null {
  const whole = Math.round(seconds);
  return whole > 0 ? whole : null;
}

/** A duration as the editor shows it, in the clock form it accepts: "12:30", "1:05:00". */
export function durationInput(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
