import { Descriptions } from "antd";
import { useI18n } from "../../i18n/locale.tsx";
import type { Workspace } from "./StationBand.tsx";
import { StationStatusTag } from "../stations/StationStatusTag.tsx";

/** Where the station is (R1), who runs it (R6) and how many villages it serves. */
export function StationFacts({ workspace }: { workspace: Workspace }) {
  const { t } = useI18n();
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2, xl: 3 }}
      items={[
        { key: "township", label: t("workspace.township"), children: workspace.townshipName },
        { key: "county", label: t("workspace.county"), children: workspace.countyName ?? "—" },
        { key: "prefecture", label: t("workspace.prefecture"), children: workspace.prefectureName ?? "—" },
        { key: "code", label: t("workspace.divisionCode"), children: workspace.divisionCode },
        { key: "status", label: t("workspace.status"), children: <StationStatusTag status={workspace.status} /> },
        { key: "since", label: t("workspace.statusSince"), children: workspace.statusSince },
        { key: "contractor", label: t("workspace.contractor"), children: workspace.contractorName ?? t("workspace.noContractor") },
        { key: "villages", label: t("workspace.villages"), children: <span data-testid="village-count">{workspace.villageCount}</span> },
      ]}
    />
  );
}
