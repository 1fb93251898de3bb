import { useMutation, useQuery } from "@tanstack/react-query";
import { caseRiskFromVisitRisk, RISK_LEVEL_LABELS, type RiskLevel } from "@shegong/domain";
import { App, Button, Card, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { OpenCaseDialog } from "../cases/OpenCaseDialog.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { Link } from "../../router.tsx";
import { queryClient, trpc } from "../../trpc.ts";
import { useStation } from "../workspace/station-context.tsx";
import { labelOrDash } from "../people/vocab-options.ts";

export const RISK_COLORS: Record<RiskLevel, string> = { none: "default", low: "blue", medium: "orange", high: "red" };

/** Medium and high risks from visits nobody has acknowledged yet (issue 4 item 2): the supervisor's alert. */
export function OpenRisksCard() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { stationId, can } = useStation();
  const [opening, setOpening] = useState<{ visitId: string; personId: string; personName: string; risk: string; note: string | null } | null>(null);
  const risks = useQuery(trpc.visits.openRisks.queryOptions({ stationId }));
  const acknowledge = useMutation(
    trpc.visits.acknowledgeRisk.mutationOptions({
      onSuccess: async () => {
        void message.success(t("risk.acknowledged"));
        await queryClient.invalidateQueries({ queryKey: trpc.visits.openRisks.queryKey({ stationId }) });
      },
    }),
  );
  if (risks.data && risks.data.length === 0) return null;
  return (
    <Card title={t("risk.title")} size="small" style={{ marginBottom: 16, borderColor: "#ffa39e" }} data-testid="open-risks">
      <ErrorAlert error={risks.error ?? acknowledge.error} />
      {(risks.data ?? []).map((r) => (
        <div key={r.id} data-testid="open-risk" style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center", padding: "8px 0", borderBottom: "1px solid rgba(5,5,5,0.06)" }}>
          <div style={{ flex: "1 1 220px", minWidth: 0 }}>
            <Tag color={RISK_COLORS[r.risk as RiskLevel] ?? "default"}>{t("risk.level", { level: labelOrDash(RISK_LEVEL_LABELS, r.risk, locale) })}</Tag>
            {r.personId ? <Link to={`/station/${stationId}/people/${r.personId}`}>{r.subjectName}</Link> : <Typography.Text>{r.subjectName}</Typography.Text>}
            <Typography.Text type="secondary"> · {r.visitedOn}</Typography.Text>
            {r.riskNote && <div>{r.riskNote}</div>}
          </div>
          {can("workspace.write") && (
            <Space wrap>
              {/* Issue 4 item 4: a risk from a visit opens a case; opening one also acknowledges the risk. */}
              {r.personId && (
                <Button type="primary" onClick={() => setOpening({ visitId: r.id, personId: r.personId!, personName: r.subjectName, risk: r.risk, note: r.riskNote })} data-testid="open-case-from-risk">
                  {t("risk.openCase")}
                </Button>
              )}
              <Button loading={acknowledge.isPending && acknowledge.variables?.visitId === r.id} onClick={() => acknowledge.mutate({ stationId, visitId: r.id })} data-testid="acknowledge-risk">
                {t("risk.acknowledge")}
              </Button>
            </Space>
          )}
        </div>
      ))}
      {opening && (
        <OpenCaseDialog
          from={{ personId: opening.personId, personName: opening.personName, visitId: opening.visitId, riskLevel: caseRiskFromVisitRisk(opening.risk), note: opening.note }}
          onClose={() => setOpening(null)}
        />
      )}
    </Card>
  );
}
