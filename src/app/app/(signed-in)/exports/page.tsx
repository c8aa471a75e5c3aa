import { notFound } from "next/navigation";
import { can } from "@/auth/actor";
import { requirePageActor } from "@/auth/page-actor";
import { listExports } from "@/domain/exports/get-export";
import { EXPORTS_MESSAGES } from "@/components/messages/exports";
import { pageMessages } from "@/components/messages/page-messages";
import { ExportForm } from "./export-form";
import { ExportList } from "./export-list";
import { ExportProgress } from "./export-progress";

export async function generateMetadata() {
  const t = await pageMessages(EXPORTS_MESSAGES);
  return { title: t("exports.title") };
}

// S18: staff start exports here and fetch them through a fresh signed link. Requesters never see it.
export default async function ExportsPage() {
  const actor = await requirePageActor();
  if (!can(actor, "exports.read.own")) notFound();
  const [{ items }, t] = await Promise.all([listExports(actor), pageMessages(EXPORTS_MESSAGES)]);
  return (
    <main id="main" className="page page-narrow">
      <div className="page-head">
        <div>
          <h1>{t("exports.title")}</h1>
          <p className="muted">{t("exports.intro")}</p>
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
