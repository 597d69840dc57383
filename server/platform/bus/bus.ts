import type { Logger } from 'pino';
import type { Permission } from '../http/actor';
import { describeError } from '../log/describe-error';

/**
 * Who may receive an event; a socket receives it when any field matches. Everything the gateway
 * needs to decide is here, so it never asks the database per event.
 */
export interface Audience {
  /** Staff users, by id. */
  userIds?: string[];
  /** Portal contacts, by id. */
  contactIds?: string[];
  /** Every staff user holding this permission (administrators hold every permission). */
  permission?: Permission;
}

/** A small typed domain event, published after the transaction that caused it commits. */
export interface BusEvent<T = unknown> {
  /** What happened, e.g. 'message.created'; clients receive it as the frame's `type`. */
  type: string;
  /** The firm the event belongs to; it never reaches a socket of another firm. */
  firmId: string;
  audience: Audience;
  /** What clients receive as the frame's `data`: ids and small fields, never a whole row. */
  data: T;
}

/** Receives every event published by any process (including this one). */
export type BusHandler = (event: BusEvent) => void;

/** Publish/subscribe between server processes: in-process alone, Redis pub/sub for several. */
export interface EventBus {
  kind: 'memory' | 'redis';
  /**
   * Delivers the event to this process's subscribers at once and sends it to the other processes
   * in the background. Never waits and never throws: a write must not slow down or fail because
   * of the bus. A send that fails is logged and leads to a resync instead.
   */
  publish(event: BusEvent): void;
  /** Adds a handler; returns the function that removes it. */
  subscribe(handler: BusHandler): () => void;
  /**
   * Adds a listener called when this process may have missed events of other processes (the bus
   * was interrupted), so that clients catch up from the API; returns the function that removes it.
   */
  onResync(listener: () => void): () => void;
  /** True when the bus can publish and receive right now (readiness probe). */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}

/** Calls every handler, isolating them from each other: one failing handler must not starve the rest. */
export function dispatch(handlers: Iterable<BusHandler>, event: BusEvent, log: Logger): void {
  for (const handler of handlers) {
    try {
      handler(event);
    } catch (error) {
      log.error({ err: describeError(error), eventType: event.type }, 'event handler failed');
    }
  }
}

/** Calls every resync listener, isolated from each other like dispatch. */
export function notifyResync(listeners: Iterable<() => void>, log: Logger): void {
  for (const listener of listeners) {
    try {
      listener();
    } catch (error) {
      log.error({ err: describeError(error) }, 'resync listener failed');
    }
  }
}
