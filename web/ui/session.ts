import { useQuery } from '@tanstack/react-query';
import { useApi } from './Providers';
import { ApiError } from './problem';

/** The key under which an app keeps its "who am I" answer. */
export const sessionKey = ['session'] as const;

/**
 * The signed-in subject from `mePath` (`/api/v1/me` or `/api/v1/portal/me`), or null when signed out.
 * The CSRF token of the answer is handed to the API client for later writes.
 */
export function useSession<T extends { csrfToken: string }>(mePath: string) {
  const api = useApi();
  return useQuery({
    queryKey: sessionKey,
    queryFn: async (): Promise<T | null> => {
      try {
        const me = await api.get<T>(mePath);
        api.setCsrfToken(me.csrfToken);
        return me;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          api.setCsrfToken(undefined);
          return null;
        }
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });
}
