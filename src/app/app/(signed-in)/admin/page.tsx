import { redirect } from "next/navigation";
import { requireAdminPage } from "./_shared/require-admin";

export default async function AdminIndexPage() {
  await requireAdminPage();
  redirect("/app/admin/users");
}
