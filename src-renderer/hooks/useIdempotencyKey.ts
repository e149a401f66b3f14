import { useCallback, useState } from 'react';
import { randomUUID } from '../api/uuid';

/**
 * One Idempotency-Key per thing being created: pressing "Salvar" again after a lost answer reuses it
 * (so no second row), and `renew` gives a fresh one once the create succeeded.
 */
export function useIdempotencyKey(): [string, () => void] {
  const [key, setKey] = useState(() => randomUUID());
  const renew = useCallback(() => setKey(randomUUID()), []);
  return [key, renew];
}
