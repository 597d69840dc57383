import type { Logger } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { countSegments } from '../../../contracts/sms-segments';
import { describeError } from '../../platform/log/describe-error';
import { normalizeE164 } from '../../platform/phone';
import type {
  DeliveryStatus,
  DeliveryUpdate,
  OutboundSms,
  SendResult,
  SmsProvider,
  SmsSendError,
} from './port';

/** A text as it reached the simulated phone (GET /dev/sms/outbox). */
export interface SimulatedText {
  /** The provider id send returned. */
  id: string;
  from: string;
  to: string;
  body: string;
  segments: number;
  /** When it was sent. */
  at: Date;
}

/** Receives the simulated delivery progression; a rejection is logged and does not stop later updates. */
export type DeliveryListener = (update: DeliveryUpdate) => void | Promise<void>;

/** The embedded default provider: texts land in an in-memory phone inbox of this process. */
export interface SmsSimulator extends SmsProvider {
  readonly name: 'simulator';
  /** Texts still held, oldest first; only those to `to` (E.164 or any form that normalises to it) when given. */
  list(to?: string): SimulatedText[];
  /** Registers a listener for queued → sent → delivered of every later text; returns its unsubscribe. */
  onDeliveryUpdate(listener: DeliveryListener): () => void;
  /** Makes the next send throw this error instead of sending (to exercise the outbox's retry and dead-letter). */
  failNext(error: SmsSendError): void;
  /** Cancels pending delivery updates. */
  close(): void;
}

export interface SmsSimulatorOptions {
  /** The current time (Deps.clock). */
  clock?: () => Date;
  /** Texts kept; the oldest are forgotten beyond it (and so is their idempotency key). */
  capacity?: number;
  /** Pause before each step of the delivery progression, so a person watching sees the ticks move. */
  deliveryDelayMs?: number;
  /** Where a failing listener is reported (never with content or numbers). */
  log?: Logger;
}

/** Creates a simulator; every process has its own inbox. */
export function createSmsSimulator(options: SmsSimulatorOptions = {}): SmsSimulator {
  const clock = options.clock ?? (() => new Date());
  const capacity = options.capacity ?? 5000;
  const delay = options.deliveryDelayMs ?? 150;
  const texts: SimulatedText[] = [];
  const byKey = new Map<string, SimulatedText>();
  const keyOf = new Map<string, string>();
  const listeners = new Set<DeliveryListener>();
  const timers = new Set<NodeJS.Timeout>();
  const failures: SmsSendError[] = [];
  let closed = false;

  function remember(key: string, text: SimulatedText): void {
    texts.push(text);
    byKey.set(key, text);
    keyOf.set(text.id, key);
    while (texts.length > capacity) {
      const old = texts.shift() as SimulatedText;
      byKey.delete(keyOf.get(old.id) as string);
      keyOf.delete(old.id);
    }
  }

  async function notify(update: DeliveryUpdate): Promise<void> {
    for (const listener of [...listeners]) {
      try {
        await listener(update);
      } catch (err) {
        options.log?.warn({ err: describeError(err) }, 'sms simulator delivery listener failed');
      }
    }
  }

  function progress(providerId: string, steps: DeliveryStatus[]): void {
    const [status, ...rest] = steps;
    if (!status || closed) return;
    const timer = setTimeout(async () => {
      timers.delete(timer);
      await notify({ providerId, status });
      progress(providerId, rest);
    }, delay);
    timer.unref();
    timers.add(timer);
  }

  return {
    name: 'simulator',

    async send(msg: OutboundSms): Promise<SendResult> {
      const existing = byKey.get(msg.idempotencyKey);
      if (existing) return { providerId: existing.id, status: 'queued', segments: existing.segments };
      const failure = failures.shift();
      if (failure) throw failure;
      const text: SimulatedText = {
        id: uuidv7(),
        from: msg.from,
        to: msg.to,
        body: msg.body,
        segments: countSegments(msg.body),
        at: clock(),
      };
      remember(msg.idempotencyKey, text);
      progress(text.id, ['sent', 'delivered']);
      return { providerId: text.id, status: 'queued', segments: text.segments };
    },

    list(to?: string): SimulatedText[] {
      if (to === undefined) return [...texts];
      const wanted = normalizeE164(to) ?? to;
      return texts.filter((t) => t.to === wanted);
    },

    onDeliveryUpdate(listener: DeliveryListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    failNext(error: SmsSendError): void {
      failures.push(error);
    },

    close(): void {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
