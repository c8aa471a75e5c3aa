import Link from "next/link";
import { notFound } from "next/navigation";
import "@/styles/admin.css";
import "@/styles/macros.css";
import { can } from "@/auth/actor";
import { requirePageActor } from "@/auth/page-actor";
import { CreateMacroCard } from "@/components/macros/create-macro-card";
import { MacroCard } from "@/components/macros/macro-card";
import { MACROS_MESSAGES } from "@/components/messages/macros";
import { pageMessages } from "@/components/messages/page-messages";
import { macroDirectory } from "@/domain/macros/macro-directory";
import { listMacros } from "@/domain/macros/list-macros";
import { PERSONAL_MACROS_PER_USER } from "@/domain/macros/macro-limits";

export async function generateMetadata() {
  const t = await pageMessages(MACROS_MESSAGES);
  return { title: t("macros.title") };
}

// Issue 11: every staff member keeps personal macros here and sees the organization's shared ones, which
// admins manage in the admin area. Requesters have no macros: the page does not exist for them.
export default async function MacrosPage() {
  const actor = await requirePageActor();
  if (!can(actor, "macros.use")) notFound();
  const [{ items }, directory, t] = await Promise.all([listMacros(actor), macroDirectory(actor), pageMessages(MACROS_MESSAGES)]);
  const personal = items.filter((m) => !m.shared);
  const shared = items.filter((m) => m.shared);
  return (
    <main id="main" className="page page-narrow">
      <div className="page-head">
        <div>
          <h1>{t("macros.title")}</h1>
          <p className="muted">{t("macros.intro")}</p>
        </div>
      </div>
      {can(actor, "macros.personal.manage") && <CreateMacroCard shared={false} directory={directory} title={t("macros.newPersonal")} />}
      <h2 className="section-title">
        {t("macros.mine")} <span className="muted">{t("macros.usage", { count: personal.length, limit: PERSONAL_MACROS_PER_USER })}</span>
      </h2>
      {personal.length === 0 ? (
        <p className="card card-body empty-state">{t("macros.noPersonal")}</p>
      ) : (
        personal.map((m) => <MacroCard key={m.id} macro={m} directory={directory} />)
      )}
      <h2 className="section-title">{t("macros.shared")}</h2>
      {can(actor, "macros.shared.manage") && (
        <p className="muted">
          <Link href="/app/admin/macros" prefetch={false}>
            {t("macros.manageShared")}
          </Link>
        </p>
      )}
      {shared.length === 0 ? (
        <p className="card card-body empty-state">{t("macros.noShared")}</p>
      ) : (
        shared.map((m) => <MacroCard key={m.id} macro={{ ...m, editable: false }} directory={directory} />)
      )}
    </main>
  );
}
