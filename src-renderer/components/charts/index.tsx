import { lazy, Suspense } from 'react';
import type { SeriesChartProps } from './types';

export type { ChartSeries, SeriesChartProps } from './types';

const Lazy = lazy(() => import('./SeriesChart'));

/** A line or bar chart; recharts is fetched the first time one is drawn. */
export function SeriesChart(props: SeriesChartProps) {
  return (
    <Suspense fallback={<div className="series-chart series-chart-loading" style={{ height: props.height ?? 260 }} />}>
      <Lazy {...props} />
    </Suspense>
  );
}
