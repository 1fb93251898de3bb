import { useMutation, useQuery } from "@tanstack/react-query";
import { Alert, Card, ConfigProvider, Spin, Tabs } from "antd";
import { useEffect, useRef, useState } from "react";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { AuditTrailTable } from "../features/workspace/AuditTrailTable.tsx";
import { BrandingForm } from "../features/workspace/BrandingForm.tsx";
import { StaffList } from "../features/workspace/StaffList.tsx";
import { StationBand, type Workspace } from "../features/workspace/StationBand.tsx";
import { StationFacts } from "../features/workspace/StationFacts.tsx";
import { StatusHistoryTable } from "../features/workspace/StatusHistoryTable.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { queryClient, trpc } from "../trpc.ts";

/**
 * A station's own workspace. Opening it is `workspace.enter`, called once: the server records a
 * supervisor's entry in the audit log and says whether the visit is read-only.
 */
export function StationWorkspacePage({ stationId }: { stationId: string }) {
  const { t } = useI18n();
  const [workspace, setWorkspace] = useState<Workspace | null>(null);
  const enter = useMutation(trpc.workspace.enter.mutationOptions({ onSuccess: setWorkspace }));
  const { mutate: enterWorkspace } = enter;
  const entered = useRef(false);
  useEffect(() => {
    // Once per visit, also under StrictMode's double effects: each call is an audited entry.
    if (entered.current) return;
    entered.current = true;
    enterWorkspace({ stationId });
  }, [enterWorkspace, stationId]);

  const history = useQuery({ ...trpc.stations.history.queryOptions({ stationId }), retry: false });
  const audit = useQuery({ ...trpc.audit.list.queryOptions({ stationId, limit: 100 }), retry: false });

  if (enter.isError) return <ErrorAlert error={enter.error} />;
  if (!workspace) return <Spin />;

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
    ...(history.isSuccess
      ? [{ key: "history", label: t("workspace.tab.history"), children: <StatusHistoryTable events={history.data} /> }]
      : []),
    ...(audit.isSuccess ? [{ key: "audit", label: t("workspace.tab.audit"), children: <AuditTrailTable events={audit.data} /> }] : []),
    ...(!workspace.readOnly && workspace.permissions.includes("station.branding.edit")
      ? [
          {
            key: "branding",
            label: t("workspace.tab.branding"),
            children: <BrandingForm workspace={workspace} onSaved={(updated) => {
                  setWorkspace({ ...updated, readOnly: workspace.readOnly, permissions: workspace.permissions });
                  void queryClient.invalidateQueries({ queryKey: trpc.audit.list.queryKey({ stationId }) });
                }} />,
          },
        ]
      : []),
  ];

  return (
    <ConfigProvider theme={{ token: { colorPrimary: workspace.branding.primaryColor } }}>
      <StationBand workspace={workspace} />
      {workspace.readOnly && <Alert type="info" showIcon title={t("workspace.readOnly")} style={{ marginBottom: 16 }} data-testid="read-only-banner" />}
      <Card>
        <Tabs items={tabs} />
      </Card>
    </ConfigProvider>
  );
}
