import { Bar, BarChart, CartesianGrid, ErrorBar, XAxis, YAxis } from 'recharts';
import type { RateFigure } from '../../../../shared/insights';

export interface ChartGroup {
  label: string;
  rate: RateFigure | null;
  rateText: string;
}

const percent = (x: number) => `${Math.round(x * 100)}%`;

/** What the chart shows, in words: each group and its rate (or why it is not shown). */
export function chartAlternative(title: string, measure: string, groups: readonly ChartGroup[]): string {
  const parts = groups.map((g) => `${g.label}: ${g.rate ? g.rateText : g.rateText.toLowerCase()}`);
  return `Bar chart of ${title}, ${measure.toLowerCase()} with 95% interval whiskers. ${parts.join('. ')}.`;
}

/**
 * Rates with their Wilson 95% intervals as whiskers, the groups side by side. SVG only, fixed size
 * (no ResizeObserver), no tooltip (the table beside it says everything), colours from the stylesheet so
 * that it follows light and dark and prints. The whole chart is one image to assistive technology.
 */
export function RateChart({ title, measure, groups }: { title: string; measure: string; groups: ChartGroup[] }) {
  const data = groups
    .filter((g) => g.rate !== null)
    .map((g) => ({
      name: `${g.label}: ${percent(g.rate!.value)}`,
      rate: g.rate!.value * 100,
      whisker: [(g.rate!.value - g.rate!.lower) * 100, (g.rate!.upper - g.rate!.value) * 100],
    }));
  const alternative = chartAlternative(title, measure, groups);
  if (data.length === 0)
    return <p className="muted insights-no-chart">No chart: no rate in this comparison can be shown safely.</p>;
  return (
    <figure className="insights-chart">
      <div role="img" aria-label={alternative}>
        <BarChart
          width={Math.max(260, 170 * data.length)}
          height={250}
          data={data}
          margin={{ top: 20, right: 16, bottom: 8, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid vertical={false} className="insights-chart-grid" />
          <XAxis dataKey="name" interval={0} tick={{ className: 'insights-chart-tick' }} tickLine={false} />
          <YAxis
            domain={[0, 100]}
            ticks={[0, 25, 50, 75, 100]}
            tickFormatter={(v: number) => `${v}%`}
            tick={{ className: 'insights-chart-tick' }}
            width={48}
          />
          <Bar dataKey="rate" className="insights-chart-bar" isAnimationActive={false} maxBarSize={70}>
            <ErrorBar dataKey="whisker" width={14} strokeWidth={2} className="insights-chart-whisker" />
          </Bar>
        </BarChart>
      </div>
      <figcaption className="small muted">Rates with 95% intervals; the table gives the counts.</figcaption>
    </figure>
  );
}
