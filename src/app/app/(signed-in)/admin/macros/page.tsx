import { notFound } from "next/navigation";
import "@/styles/macros.css";
import { can } from "@/auth/actor";
import { CreateMacroCard } from "@/components/macros/create-macro-card";
import { MacroCard } from "@/components/macros/macro-card";
import { macroDirectory } from "@/domain/macros/macro-directory";
import { listMacros } from "@/domain/macros/list-macros";
import { SHARED_MACROS_PER_ORG } from "@/domain/macros/macro-limits";
import { requireAdminPage } from "../_shared/require-admin";

export const metadata = { title: "Macros · Admin" };

/** The organization's shared macros (issue 11): every agent can apply them; only admins change them. */
export default async function AdminMacrosPage() {
  const actor = await requireAdminPage();
  if (!can(actor, "macros.shared.manage")) notFound();
  const [{ items }, directory] = await Promise.all([listMacros(actor), macroDirectory(actor)]);
  const shared = items.filter((m) => m.shared);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Shared macros</h1>
          <p className="muted">
            Canned replies every agent can insert in the ticket composer ({shared.length} of {SHARED_MACROS_PER_ORG}). Personal macros are managed by each agent
            under Macros.
          </p>
        </div>
      </div>
      <CreateMacroCard shared directory={directory} title="New shared macro" />
      {shared.length === 0 ? (
        <p className="card card-body empty-state">No shared macros yet.</p>
      ) : (
        shared.map((m) => <MacroCard key={m.id} macro={m} directory={directory} />)
      )}
    </>
  );
}
