import type { Logger } from 'pino';
import type { Config } from '../../config';
import type { EventBus } from './bus';
import { createMemoryBus } from './memory-bus';
import { createRedisBus } from './redis-bus';

/** Redis pub/sub when REDIS_URL is set (several processes), otherwise the in-process bus. */
export function createBus(config: Config, log: Logger): Promise<EventBus> {
  if (config.REDIS_URL) return createRedisBus(config.REDIS_URL, log, config.REDIS_CHANNEL);
  return Promise.resolve(createMemoryBus(log));
}
