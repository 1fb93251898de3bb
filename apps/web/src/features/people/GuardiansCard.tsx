import { PlusOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { GUARDIAN_RELATION_LABELS } from "@shegong/domain";
import { Button, Card, Popconfirm, Table } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { Link } from "../../router.tsx";
import { queryClient, trpc } from "../../trpc.ts";
import { useStation } from "../workspace/station-context.tsx";
import { AddGuardianDialog } from "./AddGuardianDialog.tsx";
import type { PersonDetail } from "./person-form.ts";
import { labelOrDash } from "./vocab-options.ts";

type GuardianRow = PersonDetail["guardians"][number];

/** A child's guardians, who may live outside the station (then only name, relation and phone are kept). */
export function GuardiansCard({ person }: { person: PersonDetail }) {
  const { t, locale } = useI18n();
  const { stationId, can } = useStation();
  const [adding, setAdding] = useState(false);
  const remove = useMutation(
    trpc.households.removeGuardian.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.people.get.queryKey({ stationId, personId: person.id }) }),
    }),
  );
  const writable = can("workspace.write");
  return (
    <Card
      size="small"
      title={t("guardian.title")}
      data-testid="guardians-card"
      extra={
        writable && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-guardian">
            {t("guardian.add")}
          </Button>
        )
      }
    >
      <ErrorAlert error={remove.error} />
      <Table<GuardianRow>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={person.guardians}
        locale={{ emptyText: t("guardian.none") }}
        columns={[
          {
            key: "name",
            title: t("guardian.name"),
            render: (_, g) => (g.personId ? <Link to={`/station/${stationId}/people/${g.personId}`}>{g.name}</Link> : g.name),
          },
          { key: "relation", title: t("guardian.relation"), render: (_, g) => labelOrDash(GUARDIAN_RELATION_LABELS, g.relation, locale) },
          { key: "phone", title: t("person.phone"), render: (_, g) => g.phone ?? "—" },
          ...(writable
            ? [
                {
                  key: "actions",
                  title: "",
                  width: 64,
                  render: (_: unknown, g: GuardianRow) => (
                    <Popconfirm
                      title={t("guardian.remove.confirm", { name: g.name })}
                      okText={t("common.remove")}
                      cancelText={t("common.cancel")}
                      onConfirm={() => remove.mutate({ stationId, childId: person.id, guardianId: g.id })}
                    >
                      <Button type="link" size="small" danger>
                        {t("common.remove")}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {adding && <AddGuardianDialog childId={person.id} onClose={() => setAdding(false)} />}
    </Card>
  );
}
