// Hand-made SVG bar charts of survey results (the style of the fund statement's chart): choice
// counts, a 1–5 rating distribution, and per-teacher or per-offering means. They fit a 375 px phone.

import { BarChart as AppBarChart } from '../../app/BarChart';

/** Survey bars: on a fixed track, with room for a teacher's full name. */
export function BarChart(props: Parameters<typeof AppBarChart>[0]) {
  return <AppBarChart track labelWidth={150} maxWidth={560} {...props} />;
}

/** How many gave 1…5, as five bars. */
export function DistributionChart({ title, distribution }: { title?: string; distribution: number[] }) {
  return (
    <BarChart
      title={title}
      color="#fa8c16"
      bars={distribution.map((n, i) => ({ label: '★'.repeat(i + 1), value: n }))}
    />
  );
}
