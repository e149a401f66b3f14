import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { SeriesChartProps } from './types';

const PALETTE = ['#2563eb', '#94a3b8', '#16a34a', '#ea580c', '#9333ea', '#0891b2', '#ca8a04', '#dc2626'];

/**
 * The one chart of the app (recharts, SVG). Loaded only through `./index.tsx`'s lazy wrapper, so
 * recharts stays out of every chunk but the pages that draw a chart. The numbers it shows are
 * always also in a table next to it (screen readers, tests and the CSV read the table).
 */
export default function SeriesChart({ kind, data, xKey, series, format, height = 260, title }: SeriesChartProps) {
  const Chart = kind === 'line' ? LineChart : BarChart;
  return (
    <figure className="series-chart" aria-label={title}>
      <ResponsiveContainer width="100%" height={height}>
        <Chart data={data} margin={{ top: 8, right: 12, bottom: 4, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          <XAxis dataKey={xKey} tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} tickFormatter={(v: number) => format(v, true)} width={72} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? format(v, false) : String(v))} />
          {series.length > 1 ? <Legend /> : null}
          {series.map((s, i) =>
            kind === 'line' ? (
              <Line
                key={s.key}
                type="monotone"
                dataKey={s.key}
                name={s.label}
                stroke={s.color ?? PALETTE[i % PALETTE.length]}
                strokeDasharray={s.dashed ? '5 4' : undefined}
                dot={false}
                isAnimationActive={false}
              />
            ) : (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.label}
                fill={s.color ?? PALETTE[i % PALETTE.length]}
                isAnimationActive={false}
              />
            ),
          )}
        </Chart>
      </ResponsiveContainer>
    </figure>
  );
}
