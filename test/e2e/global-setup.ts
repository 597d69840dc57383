import { buildWebIfStale } from '../../scripts/build-web-if-stale';

// The browser tests and the static-serving tests need dist/web; build it only when web/ changed.
export default function setup() {
  buildWebIfStale();
}
