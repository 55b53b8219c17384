// A horizontal bar chart in plain SVG, the one chart of the app: it fits a 375 px phone and prints
// on paper (no chart library). The fund statement (amounts), the district dashboard (rates, counts,
// amounts, a bar opening a school) and survey results (counts, 1–5 means) all draw with it.

export interface Bar {
  label: string;
  value: number;
  /** The text after the bar; defaults to `format(value)`. */
  text?: string;
  /** Where a click on the bar leads (a drill-down), if anywhere. */
  onClick?: () => void;
}

/** A label cut to fit `px` at 12 px type: a CJK character is about 12 px wide, a Latin one 6.5. */
export function fitLabel(label: string, px: number): string {
  let used = 0;
  for (let i = 0; i < label.length; i++) {
    used += label.charCodeAt(i) > 0x2e80 ? 12 : 6.5;
    if (used > px) return `${label.slice(0, Math.max(1, i - 1))}…`;
  }
  return label;
}

export function BarChart({
  title,
  bars,
  color = '#1677ff',
  format = String,
  max: fixedMax,
  hideZero = false,
  track = false,
  labelWidth = 112,
  maxWidth,
  testId,
}: {
  title?: string;
  bars: Bar[];
  color?: string;
  format?: (value: number) => string;
  /** The value of a full-width bar (100 for percentages, 5 for a 1–5 mean); default the largest. */
  max?: number;
  /** Leave out bars of 0 (a statement's empty categories). */
  hideZero?: boolean;
  /** Draw the full-width track behind each bar, for values on a fixed scale. */
  track?: boolean;
  /** Room for the labels, in the chart's 340 units (long teacher names need more). */
  labelWidth?: number;
  /** Keep the chart from growing past this many pixels on a wide page. */
  maxWidth?: number;
  testId?: string;
}) {
  const shown = hideZero ? bars.filter((b) => b.value !== 0) : bars;
  const max = fixedMax ?? Math.max(1, ...shown.map((b) => Math.abs(b.value)));
  const rowH = 26;
  const labelW = labelWidth;
  const width = 340;
  const barW = width - labelW - 70;
  const height = Math.max(1, shown.length) * rowH + 4;
  return (
    <figure style={{ margin: '0 0 12px', maxWidth }} data-testid={testId}>
      {title && <figcaption style={{ fontWeight: 600, marginBottom: 4 }}>{title}</figcaption>}
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title}>
        {shown.length === 0 && (
          <text x={0} y={18} fontSize={12} fill="#888">
            —
          </text>
        )}
        {shown.map((b, i) => {
          const w =
            b.value === 0 ? 0 : Math.max(2, Math.round((Math.min(Math.abs(b.value), max) / max) * barW));
          const y = i * rowH + 4;
          const text = b.text ?? format(b.value);
          return (
            <g
              key={b.label}
              {...(b.onClick
                ? {
                    role: 'link',
                    tabIndex: 0,
                    onClick: b.onClick,
                    onKeyDown: (e: { key: string }) => {
                      if (e.key === 'Enter') b.onClick?.();
                    },
                    style: { cursor: 'pointer' },
                  }
                : {})}
            >
              <title>{`${b.label}: ${text}`}</title>
              <text x={labelW - 6} y={y + 14} fontSize={12} textAnchor="end" fill="currentColor">
                {fitLabel(b.label, labelW - 8)}
              </text>
              {track && <rect x={labelW} y={y} width={barW} height={18} rx={2} fill="#f0f0f0" />}
              <rect x={labelW} y={y} width={w} height={18} rx={2} fill={b.value < 0 ? '#d4380d' : color} />
              <text x={labelW + (track ? barW : w) + 4} y={y + 14} fontSize={11} fill="currentColor">
                {text}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
