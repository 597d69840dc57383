import { buildIfStale } from '../../scripts/build.mjs';

// The browser tests and the static-serving tests need dist/web; build it only when web/ changed.
export default async function setup() {
  await buildIfStale('web');
}
