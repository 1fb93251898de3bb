import { PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Tabs, Typography } from "antd";
import { useState } from "react";
import { CoverageExplorer } from "../features/coverage/CoverageExplorer.tsx";
import { DivisionDashboard } from "../features/reporting/DivisionDashboard.tsx";
import { OnboardDialog } from "../features/onboarding/OnboardDialog.tsx";
import { StationList } from "../features/stations/StationList.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { canAtDivision, type Me } from "../lib/access.ts";
import { trpc } from "../trpc.ts";

/** A prefecture or county bureau's console: its stations, onboarding, status changes and coverage. */
export function ConsolePage({ me, divisionCode }: { me: Me; divisionCode: string }) {
  const { t } = useI18n();
  const [onboarding, setOnboarding] = useState(false);
  const path = useQuery(trpc.divisions.path.queryOptions({ code: divisionCode }));
  const name = path.data?.at(-1)?.name ?? divisionCode;
  const canOnboard = canAtDivision(me, "station.onboard", divisionCode);
  const can = {
    changeStatus: canAtDivision(me, "station.status.change", divisionCode),
    openWorkspace: canAtDivision(me, "workspace.read", divisionCode),
  };
  return (
    <Card>
      <div style={{ display: "flex", alignItems: "center", justifyContent: "space-between", marginBottom: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="console-title">
          {t("console.title", { name })}
        </Typography.Title>
        {canOnboard && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOnboarding(true)} data-testid="open-onboard">
            {t("console.onboard")}
          </Button>
        )}
      </div>
      <Tabs
        items={[
          { key: "stations", label: t("console.tab.stations"), children: <StationList divisionCode={divisionCode} can={can} /> },
          { key: "coverage", label: t("console.tab.coverage"), children: <CoverageExplorer rootCode={divisionCode} withChart={false} /> },
          ...(canAtDivision(me, "coverage.read", divisionCode)
            ? [{ key: "service", label: <span data-testid="tab-service">{t("region.tab.service")}</span>, children: <DivisionDashboard rootCode={divisionCode} /> }]
            : []),
        ]}
      />
      {onboarding && <OnboardDialog divisionCode={divisionCode} divisionName={name} onClose={() => setOnboarding(false)} />}
    </Card>
  );
}
