import { useQuery } from "@tanstack/react-query";
import { Card, Tabs } from "antd";
import { useI18n } from "../../i18n/locale.tsx";
import { StationDashboard } from "../reporting/StationDashboard.tsx";
import { queryClient, trpc } from "../../trpc.ts";
import { AuditTrailTable } from "./AuditTrailTable.tsx";
import { BrandingForm } from "./BrandingForm.tsx";
import type { Workspace } from "./StationBand.tsx";
import { StaffList } from "./StaffList.tsx";
import { StationFacts } from "./StationFacts.tsx";
import { StatusHistoryTable } from "./StatusHistoryTable.tsx";

/** The station's overview: facts, staff, status history, audit trail and (for those who may) branding. */
export function StationOverview({ workspace, onWorkspaceChange }: { workspace: Workspace; onWorkspaceChange: (next: Workspace) => void }) {
  const { t } = useI18n();
  const stationId = workspace.id;
  const history = useQuery({ ...trpc.stations.history.queryOptions({ stationId }), retry: false });
  const audit = useQuery({ ...trpc.audit.list.queryOptions({ stationId, limit: 100 }), retry: false });

  const tabs = [
    {
      key: "overview",
      label: t("workspace.tab.overview"),
      children: (
        <>
          <StationFacts workspace={workspace} />
          <Card title={t("workspace.staff")} size="small" style={{ marginTop: 16 }}>
            <StaffList staff={workspace.staff} />
          </Card>
        </>
      ),
    },
    { key: "data", label: <span data-testid="tab-station-data">{t("workspace.tab.data")}</span>, children: <StationDashboard stationId={stationId} /> },
    ...(history.isSuccess
      ? [{ key: "history", label: t("workspace.tab.history"), children: <StatusHistoryTable events={history.data} /> }]
      : []),
    ...(audit.isSuccess ? [{ key: "audit", label: t("workspace.tab.audit"), children: <AuditTrailTable events={audit.data} /> }] : []),
    ...(!workspace.readOnly && workspace.permissions.includes("station.branding.edit")
      ? [
          {
            key: "branding",
            label: t("workspace.tab.branding"),
            children: (
              <BrandingForm
                workspace={workspace}
                onSaved={(updated) => {
                  onWorkspaceChange({ ...updated, readOnly: workspace.readOnly, permissions: workspace.permissions });
                  void queryClient.invalidateQueries({ queryKey: trpc.audit.list.queryKey({ stationId }) });
                }}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <Card>
      <Tabs items={tabs} />
    </Card>
  );
}
