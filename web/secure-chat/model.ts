import type { CustomerMessageOut } from '../../contracts/secure-invites';

// Pure rules of the customer's secure chat page.

/** The link's token from the page path /m/<token> (empty when the path has none). */
export function tokenFromPath(pathname: string): string {
  const match = /^\/m\/([^/?#]+)\/?$/.exec(pathname);
  return match ? decodeURIComponent(match[1] as string) : '';
}

/** The API of one link. */
export const linkApi = (token: string) => `/api/v1/secure-chat-invites/${encodeURIComponent(token)}`;

/** What the page says for a link that can no longer be used, by the problem's slug. */
export function goneText(slug: string | undefined): { title: string; body: string } {
  switch (slug) {
    case 'link-expired':
      return {
        title: 'This link has expired',
        body: 'Secure chat links work for a day. Text us to ask for a new one.',
      };
    case 'link-used':
      return {
        title: 'This link was already used',
        body: 'It was opened on another device, and works only there. Text us if that was not you.',
      };
    case 'link-revoked':
      return {
        title: 'This link was replaced',
        body: 'We sent you a newer link; open the latest one we texted you.',
      };
    case 'link-burnt':
      return {
        title: 'This link is locked',
        body: 'Too many wrong codes were entered. Text us to ask for a new link.',
      };
    case 'conversation-closed':
      return {
        title: 'This chat has ended',
        body: 'Text us again whenever you want to start a new conversation.',
      };
    default:
      return {
        title: 'This link is not valid',
        body: 'Check that you opened the whole link from our text message.',
      };
  }
}

/** Adds a message to the list once (by id), keeping the order of arrival. */
export function withMessage(
  list: readonly CustomerMessageOut[],
  message: CustomerMessageOut,
): CustomerMessageOut[] {
  return list.some((m) => m.id === message.id) ? [...list] : [...list, message];
}

/** Whole seconds from now until an ISO time (0 when past; null without one). */
export function secondsUntil(iso: string | null, now: number): number | null {
  if (!iso) return null;
  return Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000));
}
