import type { Logger } from 'pino';
import type { Config } from '../../config';
import type { EventBus } from './bus';
import { createMemoryBus } from './memory-bus';

/**
 * Redis pub/sub when REDIS_URL is set (several processes), otherwise the in-process bus. The Redis client
 * is loaded only then: a single process never pays for its module.
 */
export async function createBus(config: Config, log: Logger): Promise<EventBus> {
  if (!config.REDIS_URL) return createMemoryBus(log);
  const { createRedisBus } = await import('./redis-bus');
  return createRedisBus(config.REDIS_URL, log, config.REDIS_CHANNEL);
}
