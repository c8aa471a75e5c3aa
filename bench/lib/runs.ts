// Three runs of a measurement, summarised as median and spread (min–max), the form every bench reports
// on a shared machine: one run says little when other work shares the two cores.
import { availableParallelism, loadavg } from "node:os";

export interface RunSummary {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export function summarise(values: number[]): RunSummary {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)!, runs: values };
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? Math.round(n).toLocaleString("en") : n.toFixed(n >= 10 ? 1 : 2));

/** "1,234/s (1,200–1,260, runs 1,234 1,200 1,260)". */
export function formatSummary(s: RunSummary, unit = ""): string {
  return `${fmt(s.median)}${unit} (spread ${fmt(s.min)}–${fmt(s.max)}; runs ${s.runs.map(fmt).join(", ")})`;
}

/** The machine's 1-minute load average and core count, printed beside every figure. */
export function loadNote(): string {
  return `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ")} on ${availableParallelism()} cores`;
}
