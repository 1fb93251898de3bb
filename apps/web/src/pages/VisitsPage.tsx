import { Card, Tabs } from "antd";
import { useState } from "react";
import { DueCounts, DueList, type DueEntry } from "../features/visits/DueList.tsx";
import { OpenRisksCard } from "../features/visits/OpenRisksCard.tsx";
import { VisitDrawer, type VisitSubject } from "../features/visits/VisitDrawer.tsx";
import { areaOfCategory } from "../features/visits/visit-form.ts";
import { StationCalendar } from "../features/visits/StationCalendar.tsx";
import { VisitLedgerExport } from "../features/visits/VisitLedgerExport.tsx";
import { useI18n } from "../i18n/locale.tsx";

type DueTab = "mine" | "all";

/** A worker's home for field work (issue 4 items 1–3, 10): who is due or late, open risks, the station calendar, the visit ledger. */
export function VisitsPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState<DueTab>("mine");
  const [recording, setRecording] = useState<VisitSubject | null>(null);
  const record = (entry: DueEntry) => setRecording({ personId: entry.personId, name: entry.name, area: areaOfCategory(entry.fromCategory) });
  return (
    <div data-testid="visits-page">
      <OpenRisksCard />
      <Card size="small" style={{ marginBottom: 16 }}>
        <DueCounts mine={tab === "mine"} />
        <Tabs
          activeKey={tab}
          onChange={(key) => setTab(key as DueTab)}
          data-testid="due-tabs"
          items={[
            { key: "mine", label: t("due.tab.mine"), children: <DueList mine onRecord={record} /> },
            { key: "all", label: t("due.tab.all"), children: <DueList mine={false} onRecord={record} /> },
          ]}
          destroyOnHidden
        />
      </Card>
      <StationCalendar />
      <VisitLedgerExport />
      {recording && <VisitDrawer subject={recording} onClose={() => setRecording(null)} />}
    </div>
  );
}
