import type { Metadata } from "next";
import { pageMessages } from "@/components/messages/page-messages";
import { SLA_SETTINGS_MESSAGES } from "@/components/messages/sla-settings";
import { previewSlaConfiguration } from "@/domain/sla/preview-sla";
import { getSlaConfiguration } from "@/domain/sla/sla-policies";
import { requireAdminPage } from "../_shared/require-admin";
import { timeZoneChoices } from "../_shared/time-zones";
import { SlaSettingsForm } from "./sla-settings-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await pageMessages(SLA_SETTINGS_MESSAGES);
  return { title: t("page.metaTitle") };
}

export default async function AdminSlaPage() {
  const actor = await requireAdminPage();
  const t = await pageMessages(SLA_SETTINGS_MESSAGES);
  const configuration = await getSlaConfiguration(actor);
  const preview = previewSlaConfiguration(actor, configuration);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("page.title")}</h1>
          <p className="muted">{t("page.intro")}</p>
        </div>
      </div>
      <SlaSettingsForm configuration={configuration} preview={preview} timeZones={timeZoneChoices(configuration.timeZone)} />
    </>
  );
}
