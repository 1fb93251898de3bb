import { PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { formatFen, RESOURCE_KIND_LABELS, RESOURCE_KINDS } from "@shegong/domain";
import { Button, Card, Space, Statistic, Table, Typography } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { ResourceModal } from "../features/activities/ResourceModal.tsx";
import { currentYear, YearSelect } from "../features/activities/YearSelect.tsx";
import { labelOrDash } from "../features/people/vocab-options.ts";
import { useStation } from "../features/workspace/station-context.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { Link } from "../router.tsx";
import { trpc, type RouterOutputs } from "../trpc.ts";

type Resource = RouterOutputs["resources"]["list"]["items"][number];

/** Resources linked from outside in a year, with totals per kind in 元 (kept in fen), as bureaus count them. */
export function ResourcesPage() {
  const { t, locale } = useI18n();
  const { stationId, can } = useStation();
  const [year, setYear] = useState(currentYear());
  const [recording, setRecording] = useState(false);
  const resources = useQuery(trpc.resources.list.queryOptions({ stationId, year }));
  const totals = resources.data?.totals;
  const beneficiaryLink = (r: Resource) => {
    const name = r.beneficiaryName ?? "—";
    if (r.personId) return <Link to={`/station/${stationId}/people/${r.personId}`}>{name}</Link>;
    if (r.householdId) return <Link to={`/station/${stationId}/households/${r.householdId}`}>{name}</Link>;
    if (r.activityId) return <Link to={`/station/${stationId}/activities/${r.activityId}`}>{name}</Link>;
    return name;
  };
  return (
    <Card data-testid="resources-page">
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", flexWrap: "wrap", gap: 8, marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("resource.title")}
        </Typography.Title>
        <Space wrap>
          <YearSelect value={year} onChange={setYear} />
          {can("workspace.write") && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="record-resource">
              {t("resource.record")}
            </Button>
          )}
        </Space>
      </div>
      {totals && (
        <Space wrap size="large" style={{ marginBottom: 12 }} data-testid="resource-totals">
          <Statistic title={t("resource.totalCount", { count: totals.count })} value={formatFen(totals.totalFen)} />
          {RESOURCE_KINDS.map((k) => (
            <Statistic key={k} title={labelOrDash(RESOURCE_KIND_LABELS, k, locale)} value={formatFen(totals.byKind[k].valueFen)} />
          ))}
        </Space>
      )}
      <ErrorAlert error={resources.error} />
      <Table<Resource>
        rowKey="id"
        loading={resources.isLoading}
        dataSource={resources.data?.items ?? []}
        locale={{ emptyText: t("resource.empty") }}
        scroll={{ x: true }}
        columns={[
          { title: t("resource.receivedOn"), dataIndex: "receivedOn" },
          { title: t("resource.kind"), key: "k", render: (_, r) => labelOrDash(RESOURCE_KIND_LABELS, r.kind, locale) },
          { title: t("resource.source"), dataIndex: "source" },
          { title: t("resource.description"), dataIndex: "description" },
          { title: t("resource.beneficiary"), key: "b", render: (_, r) => beneficiaryLink(r) },
          { title: t("resource.amount"), key: "v", align: "right", render: (_, r) => formatFen(r.valueFen) },
        ]}
      />
      {recording && <ResourceModal onClose={() => setRecording(false)} />}
    </Card>
  );
}
