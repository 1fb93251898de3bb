import { ageOn, labelOf, SEX_LABELS } from "@shegong/domain";
import { Table } from "antd";
import { useI18n } from "../../i18n/locale.tsx";
import { Link, navigate } from "../../router.tsx";
import type { RouterOutputs } from "../../trpc.ts";
import { useStation } from "../workspace/station-context.tsx";
import { CategoryTags, MinorTag, PersonStatusTag } from "./PersonTags.tsx";

export type PersonRow = RouterOutputs["people"]["list"]["items"][number];

export interface Paging {
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number, pageSize: number) => void;
}

/** Age in full years on the register's date; blank for someone not yet born then. */
export function ageText(birthDate: string, on: string): string {
  return on < birthDate ? "—" : String(ageOn(birthDate, on));
}

/** One register page: a row a person, the ID masked, a click away from their page. */
export function PeopleTable({ rows, loading, asOf, paging }: { rows: PersonRow[]; loading: boolean; asOf: string; paging: Paging }) {
  const { t, locale } = useI18n();
  const { stationId } = useStation();
  const personPath = (p: PersonRow) => `/station/${stationId}/people/${p.id}`;
  return (
    <Table<PersonRow>
      data-testid="people-table"
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={rows}
      onRow={(p) => ({ onClick: () => navigate(personPath(p)), style: { cursor: "pointer" } })}
      pagination={{
        current: paging.page,
        pageSize: paging.pageSize,
        total: paging.total,
        showSizeChanger: true,
        showTotal: (n) => t("people.count", { n }),
        onChange: paging.onChange,
      }}
      columns={[
        {
          key: "name",
          title: t("person.name"),
          render: (_, p) => (
            <>
              <Link to={personPath(p)} onClick={(e) => e.stopPropagation()}>
                {p.name}
              </Link>
              {p.minor && <MinorTag />}
            </>
          ),
        },
        { key: "id", title: t("person.citizenId"), render: (_, p) => <span style={{ fontFamily: "monospace" }}>{p.citizenIdMasked}</span> },
        { key: "sex", title: t("person.sex"), width: 64, render: (_, p) => labelOf(SEX_LABELS, p.sex, locale) },
        { key: "age", title: t("person.age"), width: 64, render: (_, p) => ageText(p.birthDate, asOf) },
        { key: "village", title: t("person.village"), render: (_, p) => p.villageName ?? "—" },
        { key: "categories", title: t("person.categories"), render: (_, p) => <CategoryTags categories={p.categories} /> },
        { key: "status", title: t("person.status"), width: 90, render: (_, p) => <PersonStatusTag status={p.status} /> },
      ]}
    />
  );
}
