import { notFound } from "next/navigation";
import { can } from "@/auth/actor";
import { requirePageActor } from "@/auth/page-actor";
import { listExports } from "@/domain/exports/get-export";
import { ExportForm } from "./export-form";
import { ExportList } from "./export-list";
import { ExportProgress } from "./export-progress";

export const metadata = { title: "Exports" };

// S18: staff start exports here and fetch them through a fresh signed link. Requesters never see it.
export default async function ExportsPage() {
  const actor = await requirePageActor();
  if (!can(actor, "exports.read.own")) notFound();
  const { items } = await listExports(actor);
  return (
    <main id="main" className="page page-narrow">
      <div className="page-head">
        <div>
          <h1>Exports</h1>
          <p className="muted">
            Tickets and their comments for a date range, as CSV or JSON. Files carry a watermark with your name; links expire after five minutes. Days are UTC
            calendar days, and times in the files are ISO-8601 UTC, so spreadsheets and scripts read them the same everywhere.
          </p>
        </div>
      </div>
      <div className="card card-body">
        <ExportForm canIncludeInternal={can(actor, "comments.read.internal")} />
      </div>
      <ExportProgress waiting={items.filter((e) => e.status === "queued" || e.status === "running").length} />
      <ExportList items={items} />
    </main>
  );
}
