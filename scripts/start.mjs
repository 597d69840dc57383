// `npm start`: builds the web apps and the server when their sources changed (the first start of a
// fresh clone builds both), then runs the compiled server with plain Node.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfStale, SERVER_DIST } from './build.mjs';

for (const name of ['web', 'server']) {
  const { built } = await buildIfStale(name);
  if (built) process.stdout.write(`${name}: built into dist/${name}\n`);
}
// Stack traces of the bundle point at the TypeScript sources.
process.setSourceMapsEnabled(true);
await import(pathToFileURL(path.join(SERVER_DIST, 'main.js')).href);
