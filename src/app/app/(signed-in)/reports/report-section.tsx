import type { ReactNode } from "react";
import { pageMessages } from "@/components/messages/page-messages";
import { REPORTS_MESSAGES } from "@/components/messages/reports";

/** One report: its heading, the chart, its numbers as a table (folded) and the CSV of those numbers. */
export async function ReportSection({
  id,
  title,
  intro,
  csvHref,
  chart,
  table,
  children,
}: {
  id: string;
  title: string;
  intro?: string;
  csvHref: string;
  chart: ReactNode;
  table: ReactNode;
  /** Anything the section shows below its numbers. */
  children?: ReactNode;
}) {
  const t = await pageMessages(REPORTS_MESSAGES);
  const of = t("section.of", { title: title.toLowerCase() });
  return (
    <section className="card card-body report-section" aria-labelledby={`${id}-heading`}>
      <div className="report-section-head">
        <h2 id={`${id}-heading`}>{title}</h2>
        <a className="btn btn-quiet" href={csvHref} download>
          {t("section.downloadCsv")}
          <span className="sr-only">{of}</span>
        </a>
      </div>
      {intro && <p className="muted">{intro}</p>}
      {chart}
      <details className="report-numbers">
        <summary>
          {t("section.numbers")}
          <span className="sr-only">{of}</span>
        </summary>
        <div className="admin-table-wrap">{table}</div>
      </details>
      {children}
    </section>
  );
}

export function NumbersTable({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number | null)[][] }) {
  return (
    <table className="admin-table report-table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          {head.map((h, i) => (
            <th key={h} scope="col" className={i > 0 ? "num" : undefined}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={String(r[0])}>
            {r.map((c, i) =>
              i === 0 ? (
                <th key={i} scope="row">
                  {c}
                </th>
              ) : (
                <td key={i} className="num">
                  {c ?? "—"}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
