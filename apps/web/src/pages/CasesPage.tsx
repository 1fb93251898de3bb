import { Button, Card, Tabs } from "antd";
import { useState } from "react";
import { CasesTable } from "../features/cases/CasesTable.tsx";
import { OpenCaseDialog } from "../features/cases/OpenCaseDialog.tsx";
import { OpenReferralsCard } from "../features/cases/OpenReferralsCard.tsx";
import { ReviewQueueCard } from "../features/cases/ReviewQueueCard.tsx";
import { StaffQualificationCard } from "../features/cases/StaffQualificationCard.tsx";
import { DueCounts } from "../features/visits/DueList.tsx";
import { useStation } from "../features/workspace/station-context.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { Link } from "../router.tsx";

/**
 * A worker's home for casework (issue 4 web): visits due today and overdue, the supervisor's review
 * queue, referrals waiting for follow-up, my open cases; then every case and the staff's R7 status.
 */
export function CasesPage() {
  const { t } = useI18n();
  const { stationId, can } = useStation();
  const [opening, setOpening] = useState(false);
  return (
    <div data-testid="cases-page">
      <Card size="small" style={{ marginBottom: 16 }} title={t("case.home.due")} extra={<Link to={`/station/${stationId}/visits`}>{t("case.home.toVisits")}</Link>}>
        <DueCounts mine />
      </Card>
      <ReviewQueueCard />
      <OpenReferralsCard mine={false} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Tabs
          destroyOnHidden
          tabBarExtraContent={
            can("workspace.write") && (
              <Button type="primary" onClick={() => setOpening(true)} data-testid="open-case">
                {t("case.open")}
              </Button>
            )
          }
          items={[
            { key: "mine", label: t("case.tab.mine"), children: <CasesTable mine /> },
            { key: "all", label: t("case.tab.all"), children: <CasesTable mine={false} filters /> },
          ]}
        />
      </Card>
      <StaffQualificationCard />
      {opening && <OpenCaseDialog onClose={() => setOpening(false)} />}
    </div>
  );
}
