/** An e-mail in the dev mailbox (`GET /dev/mail`). */
export interface DevMail {
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  at: string;
}

/** A run of plain text, or a web address to render as a link. */
export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; href: string };

// Trailing punctuation usually ends the sentence, not the address.
const URL_PATTERN = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)'\]]/g;

/** Splits plain text into text and http(s) links, so a text e-mail's links can be clicked. */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', href: match[0] });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/**
 * The HTML version as the sandboxed frame shows it: links open in a new tab (the frame itself may not
 * navigate), everything else as sent.
 */
export function framedHtml(html: string): string {
  return `<base target="_blank">${html}`;
}

/** Mails newest first (the API lists them oldest first). */
export function newestFirst(mails: DevMail[]): DevMail[] {
  return [...mails].reverse();
}
