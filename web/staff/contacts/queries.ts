import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Contact } from '../../../contracts/contacts';
import type { Matter } from '../../../contracts/matters';
import type { Page } from '../../../contracts/page';
import { useApi } from '../../ui/Providers';

/** How many contacts one "Load more" adds. */
export const CONTACT_PAGE_SIZE = 50;

/**
 * Query keys. A contact's detail shares its key with the secure chat's phone-number lookup
 * (chatKeys.contact), since both read the same answer.
 */
export const contactKeys = {
  all: ['contacts'] as const,
  list: (q: string) => ['contacts', 'list', { q }] as const,
  detail: (id: string) => ['contacts', id] as const,
  matters: (id: string) => ['matters', 'list', { contactId: id }] as const,
};

/** Where a contact's page lives. */
export function contactPath(contactId: string): string {
  return `/contacts/${encodeURIComponent(contactId)}`;
}

/** The firm's contacts by name, filtered by `q` (name, e-mail or phone digits), one page at a time. */
export function useContactList(q: string) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: contactKeys.list(q),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(CONTACT_PAGE_SIZE) });
      if (q) params.set('q', q);
      if (pageParam) params.set('cursor', pageParam);
      return api.get<Page<Contact>>(`/api/v1/contacts?${params}`);
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // While a new search runs, the previous results stay on screen instead of a spinner.
    placeholderData: keepPreviousData,
  });
}

/** One contact; 404 when it is not of the caller's firm. */
export function useContactDetail(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: contactKeys.detail(id),
    queryFn: () => api.get<Contact>(`/api/v1/contacts/${encodeURIComponent(id)}`),
  });
}

/** The matters linked to a contact that the caller may see. */
export function useContactMatters(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: contactKeys.matters(id),
    queryFn: () => api.get<Page<Matter>>(`/api/v1/matters?contactId=${encodeURIComponent(id)}&limit=200`),
  });
}
