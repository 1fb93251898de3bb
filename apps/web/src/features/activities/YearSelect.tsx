import { todayInShanghai } from "@shegong/domain";
import { Select } from "antd";
import { useI18n } from "../../i18n/locale.tsx";

export const currentYear = () => Number(todayInShanghai().slice(0, 4));

/** The report year: evaluators check one year at a time; this and the four before it. */
export function YearSelect({ value, onChange }: { value: number; onChange: (year: number) => void }) {
  const { t } = useI18n();
  const thisYear = currentYear();
  return (
    <Select
      aria-label={t("common.year")}
      value={value}
      onChange={onChange}
      style={{ width: 110 }}
      data-testid="year-select"
      options={Array.from({ length: 5 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: String(y) }))}
    />
  );
}
