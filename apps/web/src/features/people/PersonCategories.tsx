import { PlusOutlined } from "@ant-design/icons";
import { CATEGORIES, labelOf } from "@shegong/domain";
import { Button, Card, Table, Tag } from "antd";
import { useState } from "react";
import { useI18n } from "../../i18n/locale.tsx";
import { useStation } from "../workspace/station-context.tsx";
import { AddCategoryDialog } from "./AddCategoryDialog.tsx";
import { EndCategoryDialog, type CategoryEntryRef } from "./EndCategoryDialog.tsx";
import type { PersonDetail } from "./person-form.ts";
import { useEndReasonLabel } from "./PersonTimeline.tsx";

type CategoryRow = PersonDetail["categories"][number];

/** The person's categories with their dates; the effective end counts death, moving out and coming of age. */
export function PersonCategories({ person }: { person: PersonDetail }) {
  const { t, locale } = useI18n();
  const { can } = useStation();
  const endReason = useEndReasonLabel();
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<CategoryEntryRef | null>(null);
  const writable = can("workspace.write");
  return (
    <Card
      size="small"
      title={t("person.categories")}
      data-testid="person-categories"
      extra={
        writable &&
        person.status === "active" && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-category">
            {t("category.add")}
          </Button>
        )
      }
    >
      <Table<CategoryRow>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={person.categories}
        locale={{ emptyText: t("category.none") }}
        columns={[
          {
            key: "category",
            title: t("category.category"),
            render: (_, c) => (
              <>
                {labelOf(CATEGORIES, c.category, locale)}
                {c.current && (
                  <Tag color="success" style={{ marginInlineStart: 6 }}>
                    {t("category.current")}
                  </Tag>
                )}
              </>
            ),
          },
          { key: "start", title: t("category.startDate"), dataIndex: "startDate", width: 110 },
          { key: "end", title: t("category.effectiveEnd"), width: 110, render: (_, c) => c.effectiveEnd ?? "—" },
          { key: "reason", title: t("category.endReason"), render: (_, c) => (c.endReason ? endReason(c.endReason) : "—") },
          { key: "source", title: t("category.source"), render: (_, c) => c.source || "—" },
          ...(writable
            ? [
                {
                  key: "actions",
                  title: t("common.actions"),
                  width: 80,
                  render: (_: unknown, c: CategoryRow) =>
                    c.current && c.endDate === null ? (
                      <Button type="link" size="small" danger onClick={() => setEnding(c)}>
                        {t("category.end")}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {adding && <AddCategoryDialog personId={person.id} birthDate={person.birthDate} onClose={() => setAdding(false)} />}
      {ending && <EndCategoryDialog personId={person.id} entry={ending} onClose={() => setEnding(null)} />}
    </Card>
  );
}
