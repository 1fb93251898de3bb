import { useQuery } from "@tanstack/react-query";
import { HOUSE_RULE_LABELS, HOUSE_RULES, labelOf, MIN_OFFICE_AREA_M2, roleHasPermission } from "@shegong/domain";
import { Card, Space, Statistic, Table, Tag, Typography } from "antd";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { useI18n } from "../i18n/locale.tsx";
import type { Me } from "../lib/access.ts";
import { Link } from "../router.tsx";
import { trpc, type RouterOutputs } from "../trpc.ts";

type Row = RouterOutputs["facilities"]["readiness"][number];
type Missing = Row["missing"][number];

/** The bureaus' and township's facility readiness panel (R4, R5, R8): per station, counts and flags only. */
export function FacilityReadinessPage({ me, divisionCode }: { me: Me; divisionCode: string }) {
  const { t, locale } = useI18n();
  // The prefecture reads counts only; bureaus that may enter a workspace open the station's page from here.
  const mayEnter = me.grants.some((g) => roleHasPermission(g.role, "workspace.read"));
  const rows = useQuery(trpc.facilities.readiness.queryOptions({ divisionCode }));
  const data = rows.data ?? [];
  const missingLabel = (m: Missing) => (m.rule ? labelOf(HOUSE_RULE_LABELS, m.rule as (typeof HOUSE_RULES)[number], locale) : t(`fac.item.${m.kind}` as "fac.item.office_area"));
  return (
    <Card title={t("fac.panel.title")} data-testid="facility-readiness-page">
      <Typography.Paragraph type="secondary">{t("fac.panel.hint")}</Typography.Paragraph>
      <ErrorAlert error={rows.error} />
      <Space size={32} style={{ marginBottom: 12 }}>
        <Statistic title={t("fac.panel.stations")} value={data.length} />
        <Statistic title={t("fac.readiness.ready")} value={data.filter((r) => r.ready).length} />
        <Statistic title={t("fac.panel.exceptions")} value={data.filter((r) => r.areaException).length} />
      </Space>
      <Table<Row>
        size="small"
        rowKey="stationId"
        loading={rows.isPending}
        scroll={{ x: true }}
        dataSource={data}
        data-testid="facility-readiness-table"
        columns={[
          { title: t("gov.station"), key: "s", render: (_, r) => (mayEnter ? <Link to={`/station/${r.stationId}/facilities`}>{r.plaqueName}</Link> : r.plaqueName) },
          {
            title: t("fac.panel.ready"),
            key: "r",
            filters: [
              { text: t("fac.readiness.ready"), value: true },
              { text: t("fac.panel.notReady"), value: false },
            ],
            onFilter: (value, r) => r.ready === value,
            render: (_, r) => (r.ready ? <Tag color="green">{t("fac.readiness.ready")}</Tag> : <Tag color="red">{t("fac.panel.notReady")}</Tag>),
          },
          {
            title: t("fac.area"),
            key: "a",
            align: "right",
            render: (_, r) =>
              r.officeAreaM2 === null ? "—" : r.officeAreaM2 < MIN_OFFICE_AREA_M2 ? <Tag color="gold">{`${r.officeAreaM2} m² · ${t("fac.area.exception")}`}</Tag> : `${r.officeAreaM2} m²`,
          },
          { title: t("fac.rooms"), dataIndex: "rooms", align: "right" },
          { title: t("fac.tab.equipment"), dataIndex: "equipmentItems", align: "right" },
          { title: t("fac.sign.photos"), dataIndex: "plaquePhotos", align: "right" },
          { title: t("fac.tab.rules"), key: "h", align: "right", render: (_, r) => `${r.houseRules} / ${HOUSE_RULES.length}` },
          {
            title: t("fac.panel.missing"),
            key: "m",
            render: (_, r) => (
              <Space size={[0, 4]} wrap>
                {r.missing.map((m) => (
                  <Tag key={m.rule ?? m.kind} color={m.flagged ? "gold" : "red"}>
                    {missingLabel(m)}
                  </Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
