import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { FINANCE_DOMAINS } from '../../api/query-keys';

/**
 * After a finance write: refresh what it touched right away, without waiting for the change event
 * (which also arrives, and is the only path when another PC did the write).
 */
export function useInvalidateFinance(): () => void {
  const queryClient = useQueryClient();
  return useCallback(() => {
    void queryClient.invalidateQueries({
      predicate: (query) => (FINANCE_DOMAINS as readonly unknown[]).includes(query.queryKey[0]),
    });
  }, [queryClient]);
}
