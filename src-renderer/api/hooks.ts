import {
  keepPreviousData,
  QueryClient,
  type UseMutationResult,
  type UseQueryResult,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { InputOf, OutputOf, ProcedureName } from '../../src-shared/contract';
import type { AppError } from '../../src-shared/errors';
import { type CallOptions, call, getClient } from './client';
import { retryDelayMs, shouldRetry } from './http';
import { presenceStore } from './presence';
import { handleSystemEvent } from './progress';
import { domainOf, eventConcernsUser, queryKeyOf, queryMatchesEvent } from './query-keys';
import type { RealtimeStatus } from './realtime';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: AppError;
  }
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Live updates refetch what changed; this only limits refetching on window focus.
        staleTime: 30_000,
        // Only a lost connection, a 5xx or a 429 is worth retrying (after Retry-After when given);
        // a 4xx answer will not change by asking again.
        retry: shouldRetry,
        retryDelay: retryDelayMs,
      },
      mutations: { retry: false },
    },
  });
}

export interface UseCallOptions {
  enabled?: boolean;
  /** Keep showing the previous result while the next one (new page, new search) loads. */
  keepPrevious?: boolean;
  /** How long a result stays fresh (default 30 s). */
  staleTimeMs?: number;
  /** Fetch again every so often while shown. */
  refetchIntervalMs?: number;
}

/** Reads through a procedure, cached by TanStack Query under `[domain, name, input]`. */
export function useCall<N extends ProcedureName>(
  name: N,
  input: InputOf<N>,
  options: UseCallOptions = {},
): UseQueryResult<OutputOf<N>, AppError> {
  return useQuery({
    queryKey: queryKeyOf(name, input),
    queryFn: () => call(name, input),
    enabled: options.enabled ?? true,
    ...(options.keepPrevious && { placeholderData: keepPreviousData }),
    ...(options.staleTimeMs !== undefined && { staleTime: options.staleTimeMs }),
    ...(options.refetchIntervalMs !== undefined && { refetchInterval: options.refetchIntervalMs }),
  });
}

/** Writes through a procedure; on success every query of the same domain is refetched. */
export function useCallMutation<N extends ProcedureName>(
  name: N,
  options: CallOptions = {},
): UseMutationResult<OutputOf<N>, AppError, InputOf<N>> {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<N>) => call(name, input, options),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [domainOf(name)] }),
  });
}

/** Events arriving within this window are refetched together. */
const COALESCE_MS = 100;

/**
 * Keeps the screen current: while logged in, every change event (from this or any other PC)
 * refetches the queries of its domain; after a reconnect everything on screen is refetched.
 * Events meant for one user (a notification for `id`) only refetch that user's screens. Presence
 * messages feed the presence store.
 */
export function useRealtime(token: string | null, userId: number | null = null): RealtimeStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<RealtimeStatus>('connecting');
  const userRef = useRef(userId);
  userRef.current = userId;
  useEffect(() => {
    if (!token) return;
    setStatus('connecting');
    // A burst of events (a batch, an import, a busy counter) refetches once, not once per event.
    const types = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      const changed = [...types];
      types.clear();
      void queryClient.invalidateQueries({
        predicate: (query) => changed.some((type) => queryMatchesEvent(query.queryKey, type)),
      });
    };
    const stop = getClient().subscribe(
      (event) => {
        if (!eventConcernsUser(event, userRef.current)) return;
        // A restore replaced the data: every screen starts again from it.
        if (handleSystemEvent(event, () => window.location.reload())) return;
        types.add(event.type);
        timer ??= setTimeout(flush, COALESCE_MS);
      },
      {
        onStatus: (next) => {
          // Presence is only known while connected; on (re)connecting the server sends a snapshot.
          if (next !== 'open') presenceStore.clear();
          setStatus(next);
        },
        onResync: () => void queryClient.invalidateQueries(),
        onPresence: presenceStore.apply,
      },
    );
    return () => {
      stop();
      if (timer !== null) clearTimeout(timer);
      presenceStore.clear();
    };
  }, [token, queryClient]);
  return status;
}
