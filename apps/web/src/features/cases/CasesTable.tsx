import { useQuery } from "@tanstack/react-query";
import { CASE_RISK_LABELS, CASE_RISK_LEVELS, CASE_STATUS_LABELS, CASE_STATUSES, type CaseRiskLevel, type CaseStatus } from "@shegong/domain";
import { Select, Space, Table, Tag, Tooltip } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { Link } from "../../router.tsx";
import { trpc } from "../../trpc.ts";
import { vocabOptions } from "../people/vocab-options.ts";
import { useStation } from "../workspace/station-context.tsx";
import { CaseRiskTag, CaseStatusTag, formatMinutes, noWrap } from "./case-display.tsx";

/** Cases of the station (or the caller's own), riskiest first; a returned sign-off shows its comment. */
export function CasesTable({ mine, filters = false, personId }: { mine: boolean; filters?: boolean; personId?: string }) {
  const { t, locale } = useI18n();
  const { stationId } = useStation();
  const [status, setStatus] = useState<"open" | CaseStatus | undefined>("open");
  const [riskLevel, setRiskLevel] = useState<CaseRiskLevel | undefined>();
  const cases = useQuery(trpc.cases.list.queryOptions({ stationId, mine, status: filters ? status : personId ? undefined : "open", riskLevel, personId }));
  return (
    <div data-testid={mine ? "my-cases" : "all-cases"}>
      <ErrorAlert error={cases.error} />
      {filters && (
        <Space wrap style={{ marginBottom: 8 }}>
          <Select
            style={{ width: 160 }}
            value={status ?? "all"}
            onChange={(v: string) => setStatus(v === "all" ? undefined : (v as "open" | CaseStatus))}
            options={[{ value: "open", label: t("case.filter.open") }, { value: "all", label: t("common.all") }, ...vocabOptions(CASE_STATUS_LABELS, CASE_STATUSES, locale)]}
          />
          <Select style={{ width: 140 }} allowClear placeholder={t("case.riskLevel")} value={riskLevel} onChange={setRiskLevel} options={vocabOptions(CASE_RISK_LABELS, CASE_RISK_LEVELS, locale)} />
        </Space>
      )}
      <Table
        size="small"
        rowKey="id"
        loading={cases.isLoading}
        dataSource={cases.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: t("case.none") }}
        columns={noWrap([
          { title: t("case.no"), dataIndex: "caseNo", render: (no: string, c) => <Link to={`/station/${stationId}/cases/${c.id}`} data-testid="case-link">{no}</Link> },
          { title: t("case.person"), dataIndex: "personName" },
          { title: t("case.riskLevel"), dataIndex: "riskLevel", render: (r: string) => <CaseRiskTag level={r} /> },
          {
            title: t("case.status"),
            dataIndex: "status",
            render: (s: string, c) => (
              <Space size={4}>
                <CaseStatusTag status={s} />
                {c.lastSignoff?.decision === "returned" && c.status !== "closed" && (
                  <Tooltip title={c.lastSignoff.comment}>
                    <Tag color="red" data-testid="case-returned">{t("case.signoff.returnedTag")}</Tag>
                  </Tooltip>
                )}
                {c.openReferrals > 0 && <Tag>{t("case.openReferrals", { n: c.openReferrals })}</Tag>}
              </Space>
            ),
          },
          { title: t("case.worker"), dataIndex: "workerName", render: (n: string | null) => n ?? "—" },
          { title: t("case.serviceHours"), dataIndex: "serviceMinutes", render: (m: number) => formatMinutes(m, locale) },
          { title: t("case.intakeOn"), dataIndex: "intakeOn" },
        ])}
      />
    </div>
  );
}
