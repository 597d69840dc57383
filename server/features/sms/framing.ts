/** What the text of a message adds around its body (decided by the feature that queues it). */
export interface SmsFraming {
  /** Starts the text, e.g. "Demo Law LLP - Alice Smith:"; null when the sender needs no naming. */
  prefix: string | null;
  /** Ends the text, e.g. "Reply STOP to opt out"; null after the first text. */
  footer: string | null;
}

/** The text the client receives: prefix, body, then the footer on a line of its own. */
export function framedText(body: string, framing: SmsFraming): string {
  const head = framing.prefix ? `${framing.prefix} ${body}` : body;
  return framing.footer ? `${head}\n${framing.footer}` : head;
}
