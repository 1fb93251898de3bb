import { PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Descriptions, Space, Spin, Typography } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { AddMemberDialog } from "../features/households/AddMemberDialog.tsx";
import { familyStructure } from "../features/households/family-structure.ts";
import { HouseholdMembersTable } from "../features/households/HouseholdMembersTable.tsx";
import { useStation } from "../features/workspace/station-context.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { Link } from "../router.tsx";
import { trpc } from "../trpc.ts";

/** A household (户): its members and their relations to the head, from which family structure is read (R9). */
export function HouseholdPage({ householdId }: { householdId: string }) {
  const { t, locale } = useI18n();
  const { stationId, can } = useStation();
  const household = useQuery(trpc.households.get.queryOptions({ stationId, householdId }));
  const [adding, setAdding] = useState(false);
  if (household.isError) return <ErrorAlert error={household.error} />;
  if (!household.data) return <Spin />;
  const h = household.data;
  const head = h.members.find((m) => m.id === h.headPersonId);
  return (
    <Card data-testid="household-page">
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", marginBottom: 16 }}>
        <Space align="center">
          <Link to={`/station/${stationId}/people`}>{t("people.backToRegister")}</Link>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t("household.titleOf", { name: head?.name ?? "—" })}
          </Typography.Title>
        </Space>
        {can("workspace.write") && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-member">
            {t("household.addMember")}
          </Button>
        )}
      </div>
      <Descriptions
        size="small"
        column={2}
        style={{ marginBottom: 16 }}
        items={[
          { key: "structure", label: t("household.structure"), span: 2, children: t("household.structureText", { n: h.members.length, structure: familyStructure(h.members, locale) }) },
          { key: "village", label: t("person.village"), children: h.villageName ?? "—" },
          { key: "address", label: t("person.address"), children: h.address || "—" },
          ...(h.note ? [{ key: "note", label: t("person.note"), span: 2, children: h.note }] : []),
        ]}
      />
      <HouseholdMembersTable household={h} />
      {adding && <AddMemberDialog household={h} onClose={() => setAdding(false)} />}
    </Card>
  );
}
