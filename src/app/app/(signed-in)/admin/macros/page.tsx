import { notFound } from "next/navigation";
import "@/styles/macros.css";
import { can } from "@/auth/actor";
import { CreateMacroCard } from "@/components/macros/create-macro-card";
import { MacroCard } from "@/components/macros/macro-card";
import { MACROS_MESSAGES } from "@/components/messages/macros";
import { pageMessages } from "@/components/messages/page-messages";
import { macroDirectory } from "@/domain/macros/macro-directory";
import { listMacros } from "@/domain/macros/list-macros";
import { SHARED_MACROS_PER_ORG } from "@/domain/macros/macro-limits";
import { requireAdminPage } from "../_shared/require-admin";

export async function generateMetadata() {
  const t = await pageMessages(MACROS_MESSAGES);
  return { title: t("macros.adminTitle") };
}

/** The organization's shared macros (issue 11): every agent can apply them; only admins change them. */
export default async function AdminMacrosPage() {
  const actor = await requireAdminPage();
  if (!can(actor, "macros.shared.manage")) notFound();
  const [{ items }, directory, t] = await Promise.all([listMacros(actor), macroDirectory(actor), pageMessages(MACROS_MESSAGES)]);
  const shared = items.filter((m) => m.shared);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("macros.shared")}</h1>
          <p className="muted">{t("macros.adminIntro", { count: shared.length, limit: SHARED_MACROS_PER_ORG })}</p>
        </div>
      </div>
      <CreateMacroCard shared directory={directory} title={t("macros.newShared")} />
      {shared.length === 0 ? (
        <p className="card card-body empty-state">{t("macros.noShared")}</p>
      ) : (
        shared.map((m) => <MacroCard key={m.id} macro={m} directory={directory} />)
      )}
    </>
  );
}
