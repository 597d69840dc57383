/** A text the firm sent to the simulated phone (`GET /dev/sms/outbox`). */
export interface OutboxText {
  id: string;
  from: string;
  to: string;
  body: string;
  segments: number;
  at: string;
}

/** A reply typed on this page and posted to `/dev/sms/inbound`. */
export interface SentReply {
  id: string;
  from: string;
  to: string;
  body: string;
  at: string;
  state: 'sending' | 'sent' | 'failed';
  error?: string;
}

/** One bubble of the simulated phone's thread. */
export type PhoneEntry = ({ direction: 'in' } & OutboxText) | ({ direction: 'out' } & SentReply);

/** Received texts and this phone's replies in time order (oldest first), for the phone shown. */
export function phoneTimeline(phone: string, received: OutboxText[], replies: SentReply[]): PhoneEntry[] {
  const entries: PhoneEntry[] = [
    ...received.map((t) => ({ ...t, direction: 'in' as const })),
    ...replies.filter((r) => r.from === phone).map((r) => ({ ...r, direction: 'out' as const })),
  ];
  return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** The firm numbers that texted this phone, most recent first: the reply goes to the first by default. */
export function firmNumbers(received: OutboxText[]): string[] {
  const order: string[] = [];
  for (const t of [...received].reverse()) if (!order.includes(t.from)) order.push(t.from);
  return order;
}
