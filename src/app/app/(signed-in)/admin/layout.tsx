import type { ReactNode } from "react";
import "@/styles/admin.css";
import { ADMIN_MESSAGES } from "@/components/messages/admin";
import { pageMessages } from "@/components/messages/page-messages";
import { AdminNav } from "./_shared/admin-nav";
import { requireAdminPage } from "./_shared/require-admin";

/** The admin area (S17): a small nav above each page; each page checks the permission again itself. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireAdminPage();
  const t = await pageMessages(ADMIN_MESSAGES);
  return (
    <main id="main" className="page admin-page">
      <div className="admin-head">
        <p className="admin-kicker">{t("admin.kicker")}</p>
        <AdminNav />
      </div>
      {children}
    </main>
  );
}
