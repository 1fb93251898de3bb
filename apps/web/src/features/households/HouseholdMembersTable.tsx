import { useMutation } from "@tanstack/react-query";
import { HOUSEHOLD_RELATION_LABELS, labelOf, SEX_LABELS, todayInShanghai } from "@shegong/domain";
import { Button, Popconfirm, Table } from "antd";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { Link } from "../../router.tsx";
import { queryClient, trpc, type RouterOutputs } from "../../trpc.ts";
import { ageText } from "../people/PeopleTable.tsx";
import { MinorTag, PersonStatusTag } from "../people/PersonTags.tsx";
import { labelOrDash } from "../people/vocab-options.ts";
import { useStation } from "../workspace/station-context.tsx";

export type Household = RouterOutputs["households"]["get"];
type Member = Household["members"][number];

/** The members of a household with their relation to the head; the head stays while the household exists. */
export function HouseholdMembersTable({ household, highlightId, compact = false }: { household: Household; highlightId?: string; compact?: boolean }) {
  const { t, locale } = useI18n();
  const { stationId, can } = useStation();
  const today = todayInShanghai();
  const remove = useMutation(
    trpc.households.removeMember.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.households.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.people.pathKey() });
      },
    }),
  );
  const writable = can("workspace.write");
  return (
    <>
      <ErrorAlert error={remove.error} />
      <Table<Member>
        data-testid="household-members"
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={household.members}
        rowClassName={(m) => (m.id === highlightId ? "ant-table-row-selected" : "")}
        columns={[
          { key: "relation", title: t("household.relation"), width: 90, render: (_, m) => labelOrDash(HOUSEHOLD_RELATION_LABELS, m.relation, locale) },
          {
            key: "name",
            title: t("person.name"),
            render: (_, m) => (
              <>
                <Link to={`/station/${stationId}/people/${m.id}`}>{m.name}</Link>
                {m.minor && <MinorTag />}
              </>
            ),
          },
          ...(compact
            ? []
            : [
                { key: "id", title: t("person.citizenId"), render: (_: unknown, m: Member) => <span style={{ fontFamily: "monospace" }}>{m.citizenIdMasked}</span> },
                { key: "sex", title: t("person.sex"), width: 64, render: (_: unknown, m: Member) => labelOf(SEX_LABELS, m.sex, locale) },
              ]),
          { key: "age", title: t("person.age"), width: 56, render: (_, m) => ageText(m.birthDate, today) },
          ...(compact ? [] : [{ key: "status", title: t("person.status"), width: 90, render: (_: unknown, m: Member) => <PersonStatusTag status={m.status} /> }]),
          ...(writable
            ? [
                {
                  key: "actions",
                  title: "",
                  width: 64,
                  render: (_: unknown, m: Member) =>
                    m.id === household.headPersonId ? null : (
                      <Popconfirm
                        title={t("household.removeMember.confirm", { name: m.name })}
                        okText={t("common.remove")}
                        cancelText={t("common.cancel")}
                        onConfirm={() => remove.mutate({ stationId, householdId: household.id, personId: m.id })}
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
    </>
  );
}
