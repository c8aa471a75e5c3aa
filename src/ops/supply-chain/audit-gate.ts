// The advisory gate (S22): `npm audit --omit=dev --json` lists the production dependencies' advisories;
// a high or critical one fails unless security/audit-allowlist.json names it with a reason, the date it
// was reviewed and a date it expires (then it is looked at again). An expired entry fails as well.
import { z } from "zod";

export const ZAuditAllowlist = z.array(
  z
    .object({
      /** The advisory: its GHSA id or its advisory URL. */
      advisory: z.string().min(1),
      package: z.string().min(1),
      reason: z.string().min(20),
      reviewed: z.iso.date(),
      expires: z.iso.date(),
    })
    .strict(),
);
export type AuditAllowlist = z.infer<typeof ZAuditAllowlist>;

/** The part of npm's audit report (lockfile v2/v3 format) the gate reads. */
interface AuditVia {
  source?: number;
  name?: string;
  title?: string;
  url?: string;
  severity?: string;
}
export interface AuditReport {
  vulnerabilities?: Record<string, { name: string; severity: string; via: (AuditVia | string)[] }>;
}

export interface Finding {
  package: string;
  severity: string;
  advisory: string;
  title: string;
}

const BLOCKING = new Set(["high", "critical"]);

/** The GHSA id of an advisory URL (https://github.com/advisories/GHSA-…), else the URL itself. */
function advisoryId(via: AuditVia): string {
  return /GHSA(-[23456789cfghjmpqrvwx]{4}){3}/.exec(via.url ?? "")?.[0] ?? via.url ?? String(via.source ?? "unknown");
}

/** High and critical advisories of the report, one per package and advisory. */
export function blockingFindings(report: AuditReport): Finding[] {
  const out = new Map<string, Finding>();
  for (const vuln of Object.values(report.vulnerabilities ?? {})) {
    for (const via of vuln.via) {
      // A string names another vulnerable package this one depends on: reported under that package.
      if (typeof via === "string" || !BLOCKING.has(via.severity ?? "")) continue;
      const f = { package: vuln.name, severity: via.severity!, advisory: advisoryId(via), title: via.title ?? "" };
      out.set(`${f.package}|${f.advisory}`, f);
    }
  }
  return [...out.values()];
}

export interface GateResult {
  failures: Finding[];
  allowed: Finding[];
  expired: AuditAllowlist;
}

export function auditGate(report: AuditReport, allowlist: AuditAllowlist, today: string): GateResult {
  const expired = allowlist.filter((a) => a.expires < today);
  const live = allowlist.filter((a) => a.expires >= today);
  const result: GateResult = { failures: [], allowed: [], expired };
  for (const f of blockingFindings(report)) {
    const ok = live.some((a) => a.package === f.package && (a.advisory === f.advisory || f.advisory.endsWith(a.advisory)));
    (ok ? result.allowed : result.failures).push(f);
  }
  return result;
}
