/** Where `vite build` puts the web apps and the server serves them from. */
export const WEB_DIST: string;
/** Where the compiled server goes; `dist/server/main.js` is what `npm start` runs. */
export const SERVER_DIST: string;
/** A migrated, empty embedded database: a new data folder starts from it instead of running initdb. */
export const PGLITE_IMAGE: string;
/** True when the output of a target is missing or older than any of its sources. */
export function isStale(name: 'web' | 'server' | 'database'): boolean;
/** Builds a target when its sources changed since the last build (or always with `force`). */
export function buildIfStale(
  name: 'web' | 'server' | 'database',
  force?: boolean,
): Promise<{ built: boolean }>;
