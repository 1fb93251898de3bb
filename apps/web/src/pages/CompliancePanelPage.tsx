import { useQuery } from "@tanstack/react-query";
import { BLOCKING_STAFF_FLAGS, labelOf, STAFF_FLAG_LABELS, STAFF_FLAGS } from "@shegong/domain";
import { Card, Space, Table, Tag, Typography } from "antd";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { Link } from "../router.tsx";
import { trpc, type RouterOutputs } from "../trpc.ts";

type Row = RouterOutputs["staff"]["compliancePanel"][number];

/** The bureaus' and township's staff-compliance panel (R7, R15, R16): per station, counts only. */
export function CompliancePanelPage({ divisionCode }: { divisionCode: string }) {
  const { t, locale } = useI18n();
  const rows = useQuery(trpc.staff.compliancePanel.queryOptions({ divisionCode }));
  return (
    <Card title={t("comp.panel.title")} data-testid="compliance-panel-page">
      <Typography.Paragraph type="secondary">{t("comp.panel.hint")}</Typography.Paragraph>
      <ErrorAlert error={rows.error} />
      <Table<Row>
        size="small"
        rowKey="stationId"
        loading={rows.isPending}
        scroll={{ x: true }}
        dataSource={rows.data ?? []}
        columns={[
          { title: t("gov.station"), key: "s", render: (_, r) => <Link to={`/station/${r.stationId}/staff`}>{r.plaqueName}</Link> },
          {
            title: t("comp.panel.compliant"),
            key: "c",
            filters: [
              { text: t("comp.panel.compliant"), value: true },
              { text: t("comp.panel.notCompliant"), value: false },
            ],
            onFilter: (value, r) => r.compliant === value,
            render: (_, r) => (r.compliant ? <Tag color="green">{t("comp.panel.compliant")}</Tag> : <Tag color="red">{t("comp.panel.notCompliant")}</Tag>),
          },
          { title: t("comp.required"), dataIndex: "required", align: "right", render: (n: number | null) => n ?? "—" },
          { title: t("comp.stationed"), dataIndex: "stationed", align: "right" },
          { title: t("comp.shortfall"), dataIndex: "shortfall", align: "right", render: (n: number | null) => (n === null ? "—" : n > 0 ? <Tag color="red">{n}</Tag> : "0") },
          { title: t("comp.panel.qualified"), dataIndex: "qualified", align: "right" },
          {
            title: t("comp.flags"),
            key: "f",
            render: (_, r) => (
              <Space size={[0, 4]} wrap>
                {STAFF_FLAGS.filter((f) => r.flagCounts[f] > 0).map((f) => (
                  <Tag key={f} color={BLOCKING_STAFF_FLAGS.has(f) ? "red" : "gold"}>
                    {labelOf(STAFF_FLAG_LABELS, f, locale)} × {r.flagCounts[f]}
                  </Tag>
                ))}
              </Space>
            ),
          },
          { title: t("comp.panel.trainings"), key: "t", align: "right", render: (_, r) => `${r.trainingsThisYear} / ${r.trainingHoursThisYear}` },
          { title: t("comp.panel.townshipTrainings"), dataIndex: "townshipOfficerTrainingsThisYear", align: "right" },
        ]}
      />
    </Card>
  );
}
