import { useQuery } from "@tanstack/react-query";
import { CATEGORIES, CATEGORY_GROUP_KEYS, CATEGORY_GROUPS, categoriesInGroup, labelOf, type CategoryGroup, type CategoryKey } from "@shegong/domain";
import { Badge, Radio, Tabs, theme } from "antd";
import { useI18n } from "../../i18n/locale.tsx";
import { trpc } from "../../trpc.ts";
import { useStation } from "../workspace/station-context.tsx";

const ALL = "all";

function Count({ n }: { n: number | undefined }) {
  const { token } = theme.useToken();
  return <Badge count={n ?? 0} showZero overflowCount={99999} color={n ? token.colorPrimary : token.colorTextQuaternary} style={{ marginInlineStart: 6 }} />;
}

/**
 * The registers a station keeps (R9–R12): everyone it serves, or one statutory category, each
 * with how many it held on the as-of date.
 */
export function RegisterPicker({ value, asOf, onChange }: { value: CategoryKey | null; asOf: string; onChange: (next: CategoryKey | null) => void }) {
  const { locale, pick, t } = useI18n();
  const { stationId } = useStation();
  const counts = useQuery(trpc.people.counts.queryOptions({ stationId, asOf }));
  const everyone = useQuery(trpc.people.list.queryOptions({ stationId, asOf, page: 1, pageSize: 1 }));
  const group: CategoryGroup | typeof ALL = value ? CATEGORIES[value].group : ALL;

  return (
    <>
      <Tabs
        data-testid="register-groups"
        activeKey={group}
        onChange={(key) => onChange(key === ALL ? null : (categoriesInGroup(key as CategoryGroup)[0] ?? null))}
        items={[
          {
            key: ALL,
            label: (
              <span data-testid="register-all">
                {t("people.register.all")}
                <Count n={everyone.data?.total} />
              </span>
            ),
          },
          ...CATEGORY_GROUP_KEYS.map((key) => ({ key, label: pick(CATEGORY_GROUPS[key]) })),
        ]}
      />
      {group !== ALL && (
        <Radio.Group value={value} onChange={(e) => onChange(e.target.value as CategoryKey)} style={{ marginBottom: 16 }} data-testid="register-categories">
          {categoriesInGroup(group).map((key) => (
            <Radio.Button key={key} value={key}>
              <span data-category={key}>
                {labelOf(CATEGORIES, key, locale)}
                <Count n={counts.data?.[key]} />
              </span>
            </Radio.Button>
          ))}
        </Radio.Group>
      )}
    </>
  );
}
