import { previewSlaConfiguration } from "@/domain/sla/preview-sla";
import { getSlaConfiguration } from "@/domain/sla/sla-policies";
import { requireAdminPage } from "../_shared/require-admin";
import { timeZoneChoices } from "../_shared/time-zones";
import { SlaSettingsForm } from "./sla-settings-form";

export const metadata = { title: "SLA · Admin" };

export default async function AdminSlaPage() {
  const actor = await requireAdminPage();
  const configuration = await getSlaConfiguration(actor);
  const preview = previewSlaConfiguration(actor, configuration);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>SLA</h1>
          <p className="muted">
            Targets per priority in business time, the calendar they are counted on, and when assignees are warned. Every change is audited.
          </p>
        </div>
      </div>
      <SlaSettingsForm configuration={configuration} preview={preview} timeZones={timeZoneChoices(configuration.timeZone)} />
    </>
  );
}
