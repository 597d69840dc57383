import type { Logger } from 'pino';
import { type BusHandler, dispatch, type EventBus } from './bus';

/** The bus of a single process: publishing calls the subscribers directly. */
export function createMemoryBus(log: Logger): EventBus {
  const handlers = new Set<BusHandler>();
  return {
    kind: 'memory',
    publish(event) {
      dispatch(handlers, event, log);
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    // Nothing sits between publisher and subscribers, so no event can be missed.
    onResync: () => () => {},
    isReady: async () => true,
    async close() {
      handlers.clear();
    },
  };
}
