// Hand-made SVG bar charts of survey results (the style of the fund statement's chart): choice
// counts, a 1–5 rating distribution, and per-teacher or per-offering means. They fit a 375 px phone.

export interface BarDatum {
  label: string;
  value: number;
  /** The text after the bar (defaults to the value). */
  text?: string;
}

function fitLabel(label: string, px: number): string {
  let used = 0;
  for (let i = 0; i < label.length; i++) {
    used += label.charCodeAt(i) > 0x2e80 ? 12 : 6.5;
    if (used > px) return `${label.slice(0, Math.max(1, i - 1))}…`;
  }
  return label;
}

/** Horizontal bars; `max` fixes the scale (5 for means), else the largest value. */
export function BarChart({
  title,
  bars,
  color = '#1677ff',
  max,
  testId,
}: {
  title?: string;
  bars: BarDatum[];
  color?: string;
  max?: number;
  testId?: string;
}) {
  const top = Math.max(1, max ?? 0, ...bars.map((b) => b.value));
  const rowH = 26;
  const labelW = 128;
  const width = 340;
  const barW = width - labelW - 56;
  const height = Math.max(1, bars.length) * rowH + 4;
  return (
    <figure style={{ margin: '0 0 12px', maxWidth: 560 }} data-testid={testId}>
      {title && <figcaption style={{ fontWeight: 600, marginBottom: 4 }}>{title}</figcaption>}
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title}>
        {bars.length === 0 && (
          <text x={0} y={18} fontSize={12} fill="#888">
            —
          </text>
        )}
        {bars.map((b, i) => {
          const w = b.value > 0 ? Math.max(2, Math.round((b.value / top) * barW)) : 0;
          const y = i * rowH + 4;
          return (
            <g key={b.label}>
              <title>{`${b.label}: ${b.text ?? b.value}`}</title>
              <text x={labelW - 6} y={y + 14} fontSize={12} textAnchor="end" fill="currentColor">
                {fitLabel(b.label, labelW - 8)}
              </text>
              <rect x={labelW} y={y} width={barW} height={18} rx={2} fill="#f0f0f0" />
              <rect x={labelW} y={y} width={w} height={18} rx={2} fill={color} />
              <text x={labelW + barW + 4} y={y + 14} fontSize={11} fill="currentColor">
                {b.text ?? b.value}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
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
