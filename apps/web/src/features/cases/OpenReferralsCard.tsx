import { useQuery } from "@tanstack/react-query";
import { Button, Card, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { Link } from "../../router.tsx";
import { trpc } from "../../trpc.ts";
import { useStation } from "../workspace/station-context.tsx";
import { FollowUpDialog } from "./CaseActionDialog.tsx";

/** Referrals still waiting for a follow-up, overdue first: they stay here until someone records one. */
export function OpenReferralsCard({ mine }: { mine: boolean }) {
  const { t } = useI18n();
  const { stationId, can } = useStation();
  const referrals = useQuery(trpc.cases.openReferrals.queryOptions({ stationId, mine }));
  const [following, setFollowing] = useState<string | null>(null);
  if (!referrals.data?.length && !referrals.error) return null;
  return (
    <Card title={t("case.referrals.open")} size="small" style={{ marginBottom: 16 }} data-testid="open-referrals">
      <ErrorAlert error={referrals.error} />
      {(referrals.data ?? []).map((r) => (
        <div key={r.id} data-testid="open-referral" style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center", padding: "6px 0", borderBottom: "1px solid rgba(5,5,5,0.06)" }}>
          <Space wrap style={{ flex: "1 1 240px" }}>
            {r.overdue ? <Tag color="red">{t("case.referral.overdue")}</Tag> : r.dueToday ? <Tag color="orange">{t("case.referral.dueToday")}</Tag> : null}
            <Link to={`/station/${stationId}/cases/${r.caseId}`}>
              {r.caseNo} · {r.personName}
            </Link>
            <Typography.Text>→ {r.toName}</Typography.Text>
            <Typography.Text type="secondary">{t("case.referral.dueBy", { date: r.dueOn })}</Typography.Text>
          </Space>
          {can("workspace.write") && (
            <Button size="small" onClick={() => setFollowing(r.id)}>
              {t("case.referral.followUp")}
            </Button>
          )}
        </div>
      ))}
      {following && <FollowUpDialog referralId={following} onClose={() => setFollowing(null)} />}
    </Card>
  );
}
