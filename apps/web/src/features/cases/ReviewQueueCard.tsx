import { useQuery } from "@tanstack/react-query";
import { CASE_CLOSURE_OUTCOME_LABELS, SIGNOFF_KIND_LABELS } from "@shegong/domain";
import { Button, Card, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { Link } from "../../router.tsx";
import { trpc } from "../../trpc.ts";
import { labelOrDash } from "../people/vocab-options.ts";
import { useStation } from "../workspace/station-context.tsx";
import { DecideSignOffDialog } from "./CaseActionDialog.tsx";
import { CaseRiskTag } from "./case-display.tsx";

/** Plans and closures waiting for the caller's sign-off as an assigned supervisor (R7). Hidden when empty. */
export function ReviewQueueCard() {
  const { t, locale } = useI18n();
  const { stationId, can } = useStation();
  const queue = useQuery(trpc.cases.reviewQueue.queryOptions({ stationId }));
  const [deciding, setDeciding] = useState<{ signoffId: string; decision: "approved" | "returned" } | null>(null);
  if (!queue.data?.length && !queue.error) return null;
  return (
    <Card title={t("case.reviewQueue", { n: queue.data?.length ?? 0 })} size="small" style={{ marginBottom: 16, borderColor: "#ffd591" }} data-testid="review-queue">
      <ErrorAlert error={queue.error} />
      {(queue.data ?? []).map((q) => (
        <div key={q.signoffId} data-testid="review-item" style={{ padding: "8px 0", borderBottom: "1px solid rgba(5,5,5,0.06)" }}>
          <Space wrap>
            <Tag color="gold">{labelOrDash(SIGNOFF_KIND_LABELS, q.what, locale)}</Tag>
            <Link to={`/station/${stationId}/cases/${q.caseId}`}>
              {q.caseNo} · {q.personName}
            </Link>
            <CaseRiskTag level={q.riskLevel} />
            <Typography.Text type="secondary">
              {q.requestedByName} · {formatDateTime(q.requestedAt, locale)}
            </Typography.Text>
          </Space>
          {q.plan && (
            <ol style={{ margin: "4px 0" }}>
              {q.plan.goals.map((g, i) => (
                <li key={i}>
                  {g.goal}（{g.measure}，{g.due}）
                </li>
              ))}
            </ol>
          )}
          {q.closure && (
            <div>
              {labelOrDash(CASE_CLOSURE_OUTCOME_LABELS, q.closure.outcome, locale)} · {q.closure.closedOn} · {q.closure.summary}
            </div>
          )}
          {can("workspace.write") && (
            <Space style={{ marginTop: 4 }}>
              <Button type="primary" size="small" onClick={() => setDeciding({ signoffId: q.signoffId, decision: "approved" })} data-testid="signoff-approve">
                {t("case.signoff.approve")}
              </Button>
              <Button size="small" danger onClick={() => setDeciding({ signoffId: q.signoffId, decision: "returned" })} data-testid="signoff-return">
                {t("case.signoff.return")}
              </Button>
            </Space>
          )}
        </div>
      ))}
      {deciding && <DecideSignOffDialog {...deciding} onClose={() => setDeciding(null)} />}
    </Card>
  );
}
