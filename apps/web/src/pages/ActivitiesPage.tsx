import { PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { ACTIVITY_KIND_LABELS, ACTIVITY_KINDS, hoursOf, PUBLICITY_TOPIC_LABELS, type ActivityKind } from "@shegong/domain";
import { Button, Card, Select, Space, Table, Typography } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { ActivityDrawer } from "../features/activities/ActivityDrawer.tsx";
import { ActivityLedgerExport } from "../features/activities/ActivityLedgerExport.tsx";
import { SatisfactionLine } from "../features/activities/SatisfactionLine.tsx";
import { currentYear, YearSelect } from "../features/activities/YearSelect.tsx";
import { labelOrDash, vocabOptions } from "../features/people/vocab-options.ts";
import { useStation } from "../features/workspace/station-context.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { Link } from "../router.tsx";
import { trpc, type RouterOutputs } from "../trpc.ts";

type ActivityRow = RouterOutputs["activities"]["list"][number];

/** The station's group, community and publicity activities of a year (issue 4 item 5), with its satisfaction results. */
export function ActivitiesPage() {
  const { t, locale } = useI18n();
  const { stationId, can } = useStation();
  const [year, setYear] = useState(currentYear());
  const [kind, setKind] = useState<ActivityKind | undefined>();
  const [recording, setRecording] = useState(false);
  const activities = useQuery(trpc.activities.list.queryOptions({ stationId, year, kind }));
  const satisfaction = useQuery(trpc.satisfaction.summary.queryOptions({ stationId, year }));
  return (
    <>
      <Card data-testid="activities-page" style={{ marginBottom: 16 }}>
        <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", flexWrap: "wrap", gap: 8, marginBottom: 12 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t("activity.title")}
          </Typography.Title>
          <Space wrap>
            <YearSelect value={year} onChange={setYear} />
            <Select allowClear placeholder={t("activity.kind")} value={kind} onChange={setKind} style={{ width: 150 }} options={vocabOptions(ACTIVITY_KIND_LABELS, ACTIVITY_KINDS, locale)} />
            {can("workspace.write") && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="record-activity">
                {t("activity.record")}
              </Button>
            )}
          </Space>
        </div>
        <div style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t("satisfaction.station")}：</Typography.Text>
          {satisfaction.data && <SatisfactionLine summary={satisfaction.data.overall} />}
        </div>
        <ErrorAlert error={activities.error ?? satisfaction.error} />
        <Table<ActivityRow>
          rowKey="id"
          size="middle"
          loading={activities.isLoading}
          dataSource={activities.data ?? []}
          locale={{ emptyText: t("activity.empty") }}
          scroll={{ x: true }}
          data-testid="activities-table"
          columns={[
            { title: t("activity.heldOn"), dataIndex: "heldOn", width: 110 },
            {
              title: t("activity.topic"),
              key: "topic",
              render: (_, a) => <Link to={`/station/${stationId}/activities/${a.id}`}>{a.topic}</Link>,
            },
            {
              title: t("activity.kind"),
              key: "kind",
              render: (_, a) => (a.publicityTopic ? `${labelOrDash(ACTIVITY_KIND_LABELS, a.kind, locale)} · ${labelOrDash(PUBLICITY_TOPIC_LABELS, a.publicityTopic, locale)}` : labelOrDash(ACTIVITY_KIND_LABELS, a.kind, locale)),
            },
            { title: t("activity.place"), dataIndex: "place" },
            { title: t("activity.attendance"), key: "attendance", align: "right", render: (_, a) => t("activity.attendance.detail", a.attendance) },
            { title: t("activity.volunteerMinutes"), key: "vol", align: "right", render: (_, a) => t("common.hours", { n: hoursOf(a.volunteerMinutes) }) },
          ]}
        />
        {recording && <ActivityDrawer onClose={() => setRecording(false)} />}
      </Card>
      <ActivityLedgerExport />
    </>
  );
}
