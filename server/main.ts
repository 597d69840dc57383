import { buildApp } from './app';
import { closeDeps, createDeps, createLogger, openDatabase } from './bootstrap';
import { ConfigError, loadConfig } from './config';
import { describeDemoLogins, seedDemoIfWanted } from './features/demo/seed-on-start';

// The composition root: config → deps → app → listen. The only place that reads process.env.
async function main() {
  // Milliseconds since the process started, per start-up phase: the first covers Node and module loading.
  const startup: Record<string, number> = {};
  let last = 0;
  const phase = (name: string) => {
    const now = performance.now();
    startup[name] = Math.round(now - last);
    last = now;
  };
  phase('modules');
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const log = createLogger(config);
  const database = await openDatabase(config);
  phase('database');
  await database.migrate();
  phase('migrations');
  const deps = await createDeps(config, database, log);
  const demo = await seedDemoIfWanted(deps);
  phase('demoSeed');
  const app = await buildApp(deps);
  phase('routes');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close();
    await closeDeps(deps);
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.PORT, host: config.HOST });
  phase('listen');
  deps.outbox.start();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = config.PUBLIC_URL ?? `http://localhost:${port}`;
  log.info(
    {
      port,
      engine: database.engine,
      redis: Boolean(config.REDIS_URL),
      startupMs: { ...startup, total: Math.round(last) },
    },
    'listening',
  );
  if (demo) process.stdout.write(describeDemoLogins(demo, url));
}

main().catch((error) => {
  process.stderr.write(`Parley failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
