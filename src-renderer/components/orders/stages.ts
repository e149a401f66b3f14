import { useMemo } from 'react';
import { useCall } from '../../api/hooks';

/** Stage key → label, from the production settings (the key itself while they load or for old keys). */
export function useStageLabels(): (key: string | null) => string {
  const settings = useCall('settings.production.get', {});
  return useMemo(() => {
    const labels = new Map((settings.data?.stages ?? []).map((s) => [s.key, s.label]));
    return (key) => (key ? (labels.get(key) ?? key) : '');
  }, [settings.data]);
}
