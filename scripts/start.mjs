// `npm start`: builds the web apps, the server and the empty database image when their sources changed (the first start of a
// fresh clone builds both), then runs the compiled server with plain Node.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfStale, SERVER_DIST } from './build.mjs';

for (const name of ['web', 'server', 'database']) {
  const { built } = await buildIfStale(name);
  if (built) process.stdout.write(`${name}: built\n`);
}
// Stack traces of the bundle point at the TypeScript sources.
process.setSourceMapsEnabled(true);
await import(pathToFileURL(path.join(SERVER_DIST, 'main.js')).href);
