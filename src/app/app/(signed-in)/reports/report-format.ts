// How the reports page words its numbers: business durations as "2 h 26 min", rates as "93.5 %".
export function formatDuration(ms: number | null): string {
  if (ms === null) return "–";
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return "< 1 min";
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  return `${m} min`;
}

export function formatRate(rate: number | null): string {
  return rate === null ? "–" : `${(Math.round(rate * 1000) / 10).toFixed(1)} %`;
}

export const hours = (ms: number | null) => (ms === null ? Number.NaN : Math.round(ms / 360_000) / 10);
