// Horizontal bars for a few labelled rows (times per priority, SLA attainment per team): the same
// server-drawn SVG as BarChart, with its numbers in a table beside it.
import { Legend, type Series } from "./bar-chart";

interface Props {
  /** Unique on the page: names the title and description the image is labelled by. */
  id: string;
  title: string;
  description: string;
  rows: string[];
  series: Series[];
  /** The scale's end (100 for percentages); defaults to the largest value. */
  max?: number;
  formatValue?: (n: number) => string;
}

const W = 720;
const LABEL_W = 170;
const VALUE_W = 90;
const ROW_H = 14;

export function HBarChart({ id, title, description, rows, series, max, formatValue = String }: Props) {
  const top = Math.max(1, max ?? Math.max(0, ...series.flatMap((s) => s.values)));
  const groupH = series.length * ROW_H + 10;
  const H = rows.length * groupH + 8;
  const plotW = W - LABEL_W - VALUE_W;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`} className="chart-svg">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        {rows.map((r, i) => (
          <g key={r} transform={`translate(0 ${4 + i * groupH})`}>
            <text className="chart-label" x={LABEL_W - 8} y={(series.length * ROW_H) / 2} dy="0.32em" textAnchor="end">
              {r.length > 26 ? `${r.slice(0, 25)}…` : r}
            </text>
            {series.map((s, k) => {
              const v = s.values[i];
              const w = v === undefined || Number.isNaN(v) ? 0 : (Math.max(0, v) / top) * plotW;
              return (
                <g key={s.name}>
                  <rect className={`chart-tone-${s.tone}`} x={LABEL_W} y={k * ROW_H + 1} width={Math.max(0, w)} height={ROW_H - 3} />
                  <text className="chart-value" x={LABEL_W + w + 6} y={k * ROW_H + ROW_H / 2} dy="0.32em">
                    {v === undefined || Number.isNaN(v) ? "–" : formatValue(v)}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
      <Legend series={series} />
    </figure>
  );
}
