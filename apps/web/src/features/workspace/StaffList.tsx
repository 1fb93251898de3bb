import { Table, Tag } from "antd";
import { useI18n } from "../../i18n/locale.tsx";
import type { Workspace } from "./StationBand.tsx";

type StaffMember = Workspace["staff"][number];

/** R7: anyone without the social-work qualification works under a qualified supervisor, so it is shown. */
export function StaffList({ staff }: { staff: StaffMember[] }) {
  const { t } = useI18n();
  return (
    <Table<StaffMember>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={staff}
      locale={{ emptyText: t("workspace.staff.empty") }}
      columns={[
        { key: "name", title: t("workspace.staff.name"), dataIndex: "displayName" },
        { key: "position", title: t("workspace.staff.position"), dataIndex: "position" },
        {
          key: "qualification",
          title: t("workspace.staff.qualification"),
          render: (_, s) => (s.qualification ? s.qualification : <Tag color="warning">{t("workspace.staff.unqualified")}</Tag>),
        },
      ]}
    />
  );
}
