import { PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { hoursOf } from "@shegong/domain";
import { Button, Card, Space, Table, Typography } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { VolunteerModal } from "../features/activities/VolunteerModal.tsx";
import { currentYear, YearSelect } from "../features/activities/YearSelect.tsx";
import { useStation } from "../features/workspace/station-context.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { trpc, type RouterOutputs } from "../trpc.ts";

type Volunteer = RouterOutputs["volunteers"]["list"]["items"][number];

/** The volunteer registry with each volunteer's hours in the year (issue 4 item 6, R5). */
export function VolunteersPage() {
  const { t } = useI18n();
  const { stationId, can } = useStation();
  const [year, setYear] = useState(currentYear());
  const [editing, setEditing] = useState<Volunteer | "new" | null>(null);
  const volunteers = useQuery(trpc.volunteers.list.queryOptions({ stationId, year }));
  const writable = can("workspace.write");
  return (
    <Card data-testid="volunteers-page">
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", flexWrap: "wrap", gap: 8, marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("volunteer.title")}
        </Typography.Title>
        <Space wrap>
          <YearSelect value={year} onChange={setYear} />
          {writable && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")} data-testid="register-volunteer">
              {t("volunteer.register")}
            </Button>
          )}
        </Space>
      </div>
      {volunteers.data && (
        <Typography.Paragraph type="secondary" data-testid="volunteer-total">
          {t("volunteer.total", { hours: hoursOf(volunteers.data.totalMinutes) })}
        </Typography.Paragraph>
      )}
      <ErrorAlert error={volunteers.error} />
      <Table<Volunteer>
        rowKey="id"
        loading={volunteers.isLoading}
        dataSource={volunteers.data?.items ?? []}
        locale={{ emptyText: t("volunteer.empty") }}
        scroll={{ x: true }}
        data-testid="volunteers-table"
        columns={[
          { title: t("volunteer.name"), dataIndex: "name" },
          { title: t("volunteer.phone"), dataIndex: "phone", render: (p: string | null) => p ?? "—" },
          { title: t("volunteer.skills"), dataIndex: "skills", render: (s: string | null) => s ?? "—" },
          { title: t("volunteer.joinedOn"), dataIndex: "joinedOn" },
          { title: t("volunteer.activities"), dataIndex: "activities", align: "right" },
          { title: t("volunteer.hours"), key: "hours", align: "right", render: (_, v) => t("common.hours", { n: hoursOf(v.minutes) }) },
          ...(writable
            ? [{ title: t("common.actions"), key: "edit", render: (_: unknown, v: Volunteer) => <Button size="small" onClick={() => setEditing(v)}>{t("common.edit")}</Button> }]
            : []),
        ]}
      />
      {editing && <VolunteerModal volunteer={editing === "new" ? undefined : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
