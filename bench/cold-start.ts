import { buildIfStale } from '../scripts/build.mjs';
import { startServer } from './lib/server';
import { round } from './lib/stats';

/**
 * Cold start of the embedded default as `npm start` runs it: new data folder (migrations + demo seed),
 * then the same folder again. The build is made first, so neither start pays for it.
 */
export async function benchColdStart() {
  for (const target of ['web', 'server', 'database'] as const) await buildIfStale(target);
  const fresh = await startServer({ port: 18070 });
  await fresh.stop();
  const again = await startServer({ port: 18070, dataDir: fresh.dataDir });
  await again.stop();
  return {
    newDataFolderMs: round(fresh.startMs, 0),
    existingDataFolderMs: round(again.startMs, 0),
    target: '< 5000 ms new, < 2000 ms existing (node scripts/start.mjs to answering /healthz)',
  };
}
