// Charts drawn on the server as plain SVG (issue 13): no script, so the strict CSP stays as it is. Each
// chart is an image with a title and a description for screen readers (role="img"); the numbers it
// shows are always in a table beside it, which is what assistive technology reads.

export interface Series {
  name: string;
  /** One of chart-1 … chart-4 (colours in reports.css). */
  tone: 1 | 2 | 3 | 4;
  values: number[];
}

interface Props {
  /** Unique on the page: names the title and description the image is labelled by. */
  id: string;
  title: string;
  description: string;
  categories: string[];
  series: Series[];
  /** Stacked columns (parts of one whole) instead of side by side. */
  stacked?: boolean;
  formatValue?: (n: number) => string;
}

const W = 720;
const H = 240;
const PAD = { top: 12, right: 12, bottom: 36, left: 48 };

/** Columns per category, side by side or stacked, with a zero line, three value ticks and up to 8 labels. */
export function BarChart({ id, title, description, categories, series, stacked = false, formatValue = String }: Props) {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const totals = categories.map((_, i) =>
    stacked ? series.reduce((n, s) => n + Math.max(0, s.values[i] ?? 0), 0) : Math.max(0, ...series.map((s) => s.values[i] ?? 0)),
  );
  const max = Math.max(1, ...totals);
  const band = plotW / Math.max(1, categories.length);
  const gap = band > 6 ? band * 0.2 : 0;
  const barW = stacked ? band - gap : (band - gap) / Math.max(1, series.length);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const every = Math.max(1, Math.ceil(categories.length / 8));
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`} className="chart-svg" preserveAspectRatio="xMidYMid meet">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        {[0, 0.5, 1].map((f) => (
          <g key={f} className="chart-grid">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(max * f)} y2={y(max * f)} />
            <text x={PAD.left - 6} y={y(max * f)} dy="0.32em" textAnchor="end">
              {formatValue(Math.round(max * f))}
            </text>
          </g>
        ))}
        {categories.map((c, i) => {
          const x0 = PAD.left + i * band + gap / 2;
          let base = 0;
          return (
            <g key={c}>
              {series.map((s, k) => {
                const v = Math.max(0, s.values[i] ?? 0);
                const top = stacked ? base + v : v;
                const rect = (
                  <rect
                    key={s.name}
                    className={`chart-tone-${s.tone}`}
                    x={stacked ? x0 : x0 + k * barW}
                    y={y(top)}
                    width={Math.max(0.5, barW)}
                    height={Math.max(0, y(stacked ? base : 0) - y(top))}
                  />
                );
                if (stacked) base = top;
                return rect;
              })}
              {i % every === 0 && (
                <text className="chart-label" x={x0 + (band - gap) / 2} y={H - PAD.bottom + 16} textAnchor="middle">
                  {c}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <Legend series={series} />
    </figure>
  );
}

export function Legend({ series }: { series: Pick<Series, "name" | "tone">[] }) {
  return (
    <ul className="chart-legend">
      {series.map((s) => (
        <li key={s.name}>
          <span className={`chart-swatch chart-tone-${s.tone}`} aria-hidden="true" />
          {s.name}
        </li>
      ))}
    </ul>
  );
}
