export interface ChartSeries {
  /** The data key of this series in each row. */
  key: string;
  label: string;
  color?: string;
  /** Drawn dashed (a comparison period, e.g. "30 dias anteriores"). */
  dashed?: boolean;
}

export interface SeriesChartProps {
  kind: 'line' | 'bar';
  data: ReadonlyArray<Record<string, string | number | null>>;
  /** The key of the x-axis label in each row (already formatted: "03/11", "Sem 45", "nov/26"). */
  xKey: string;
  series: ChartSeries[];
  /** Formats a value for the axis (`short` = compact, e.g. "R$ 12 mil") and the tooltip. */
  format: (value: number, short: boolean) => string;
  height?: number;
  /** Accessible name of the figure. */
  title: string;
}
