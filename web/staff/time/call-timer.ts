import { useLocalStorage } from '@mantine/hooks';

/** A call being timed: kept in the browser's storage, so it keeps running while the user moves around. */
export interface RunningCall {
  startedAt: string;
  matterId: string;
  matterName: string;
  contactId: string | null;
}

/**
 * The call timer, shared by every matter and contact page and every tab of the browser (Mantine syncs
 * local storage across them): leaving the page, reloading it or opening another matter does not stop it.
 */
export function useCallTimer() {
  const [running, setRunning] = useLocalStorage<RunningCall | null>({
    key: 'parley.call-timer',
    defaultValue: null,
    getInitialValueInEffect: false,
  });
  return {
    running,
    start: (call: Omit<RunningCall, 'startedAt'>, now = new Date()) =>
      setRunning({ ...call, startedAt: now.toISOString() }),
    clear: () => setRunning(null),
  };
}

/** Whole seconds from start to now, for the running clock. */
export function elapsedSeconds(startedAt: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(startedAt)) / 1000));
}
