import { startServer } from './lib/server';
import { round } from './lib/stats';

/** Cold start of the embedded default: new data folder (migrations + demo seed), then the same folder again. */
export async function benchColdStart() {
  const fresh = await startServer({ port: 18070 });
  await fresh.stop();
  const again = await startServer({ port: 18070, dataDir: fresh.dataDir });
  await again.stop();
  return {
    newDataFolderMs: round(fresh.startMs, 0),
    existingDataFolderMs: round(again.startMs, 0),
    target: '< 5000 ms new, < 2000 ms existing (includes tsx start-up of the process)',
  };
}
