import { CATEGORIES, labelOf, type CategoryKey } from "@shegong/domain";
import { Space, Tag } from "antd";
import { useI18n } from "../../i18n/locale.tsx";

export type PersonStatus = "active" | "moved_out" | "deceased";

const STATUS_COLORS: Record<PersonStatus, string> = { active: "success", moved_out: "default", deceased: "default" };

export function PersonStatusTag({ status }: { status: PersonStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="person-status">
      {t(`person.status.${status}`)}
    </Tag>
  );
}

/** Minors' records are sensitive personal data (PIPL art. 28): marked wherever they are listed. */
export function MinorTag() {
  const { t } = useI18n();
  return (
    <Tag color="magenta" data-testid="minor-tag" style={{ marginInlineStart: 6 }}>
      {t("person.minor")}
    </Tag>
  );
}

export function CategoryTags({ categories }: { categories: readonly CategoryKey[] }) {
  const { locale } = useI18n();
  if (categories.length === 0) return <>—</>;
  return (
    <Space size={[0, 4]} wrap>
      {categories.map((key) => (
        <Tag key={key} color="blue">
          {labelOf(CATEGORIES, key, locale)}
        </Tag>
      ))}
    </Space>
  );
}
