// Issue 14: the alert rules (docs/alerts.yml) and the dashboard (docs/dashboard.md) name only series that
// /api/metrics really serves — a renamed metric fails here instead of silently never alerting.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { metrics } from "./metrics";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("documented series", () => {
  it("every helpdesk_* series in the alert rules and the dashboard is registered", async () => {
    const served = new Set((await metrics().registry.getMetricsAsJSON()).map((m) => m.name));
    for (const file of ["docs/alerts.yml", "docs/dashboard.md", "docs/alerts.test.yml"]) {
      const named = new Set(readFileSync(path.join(ROOT, file), "utf8").match(/helpdesk_[a-z_]+/g) ?? []);
      expect(named.size, file).toBeGreaterThan(3);
      for (const series of named) {
        const base = series.replace(/_(bucket|count|sum)$/, "");
        expect(served.has(base) || served.has(series), `${file}: ${series}`).toBe(true);
      }
    }
  });
});
