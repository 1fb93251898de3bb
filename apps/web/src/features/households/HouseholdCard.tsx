import { HomeOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { HOUSEHOLD_RELATION_LABELS } from "@shegong/domain";
import { Button, Card, Empty, Popconfirm, Space, Typography } from "antd";
import { useRef, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { newIdempotencyKey } from "../../lib/idempotency-key.ts";
import { Link } from "../../router.tsx";
import { queryClient, trpc } from "../../trpc.ts";
import type { PersonDetail } from "../people/person-form.ts";
import { labelOrDash } from "../people/vocab-options.ts";
import { useStation } from "../workspace/station-context.tsx";
import { AddMemberDialog } from "./AddMemberDialog.tsx";
import { familyStructure } from "./family-structure.ts";
import { HouseholdMembersTable, type Household } from "./HouseholdMembersTable.tsx";

/** The person's household (户) on their page: members and their relation to the head, or a way to start one. */
export function HouseholdCard({ person }: { person: PersonDetail }) {
  const { t, locale } = useI18n();
  const { stationId, can } = useStation();
  const [addingTo, setAddingTo] = useState<Household | null>(null);
  const idempotencyKey = useRef(newIdempotencyKey());
  const create = useMutation(
    trpc.households.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.people.pathKey() }),
    }),
  );
  const household = person.household;
  const writable = can("workspace.write");
  return (
    <Card
      size="small"
      data-testid="household-card"
      title={
        <Space>
          <HomeOutlined />
          {t("household.title")}
        </Space>
      }
      extra={household && <Link to={`/station/${stationId}/households/${household.id}`}>{t("household.open")}</Link>}
    >
      <ErrorAlert error={create.error} />
      {household ? (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t("household.ownRelation", { relation: labelOrDash(HOUSEHOLD_RELATION_LABELS, person.relationToHead, locale) })}
            {" · "}
            {familyStructure(household.members, locale)}
          </Typography.Paragraph>
          <HouseholdMembersTable household={household} highlightId={person.id} compact />
          {writable && (
            <Button size="small" icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => setAddingTo(household)} data-testid="add-member">
              {t("household.addMember")}
            </Button>
          )}
        </>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("household.none")}>
          {writable && person.status === "active" && (
            <Popconfirm
              title={t("household.create.confirm", { name: person.name })}
              okText={t("common.submit")}
              cancelText={t("common.cancel")}
              onConfirm={() => create.mutate({ stationId, headPersonId: person.id, idempotencyKey: idempotencyKey.current })}
            >
              <Button icon={<PlusOutlined />} loading={create.isPending} data-testid="create-household">
                {t("household.create")}
              </Button>
            </Popconfirm>
          )}
        </Empty>
      )}
      {addingTo && <AddMemberDialog household={addingTo} onClose={() => setAddingTo(null)} />}
    </Card>
  );
}
