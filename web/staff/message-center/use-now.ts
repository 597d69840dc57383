import { useEffect, useState } from 'react';
import { type Alertable, nextAlertChange } from './model';

/**
 * The current time, renewed when the earliest `alertAt` of these conversations passes, so alert icons
 * change on time without polling (the server's push usually arrives at the same moment and refetches).
 */
export function useAlertClock(items: readonly Alertable[]): number {
  const [now, setNow] = useState(() => Date.now());
  const next = nextAlertChange(items, now);
  useEffect(() => {
    if (next === null) return;
    // Browsers fire long timers early or late; a little margin lands safely after the threshold.
    const delay = Math.min(Math.max(next - Date.now() + 50, 0), 2 ** 31 - 1);
    const timer = setTimeout(() => setNow(Date.now()), delay);
    return () => clearTimeout(timer);
  }, [next]);
  return now;
}
