import { Select } from "antd";
import { useI18n } from "../i18n/locale.tsx";
import type { Me } from "../lib/access.ts";
import { navigate } from "../router.tsx";

/** For people who work in several stations (a contractor running more than one, a township officer). */
export function StationSwitcher({ stations, currentId }: { stations: Me["stations"]; currentId: string | null }) {
  const { t } = useI18n();
  if (stations.length < 2) return null;
  return (
    <Select
      data-testid="station-switcher"
      style={{ minWidth: 260 }}
      placeholder={t("shell.switchStation")}
      value={currentId && stations.some((s) => s.id === currentId) ? currentId : undefined}
      options={stations.map((s) => ({ value: s.id, label: s.plaqueName }))}
      onChange={(id: string) => navigate(`/station/${id}`)}
      showSearch={{ optionFilterProp: "label" }}
    />
  );
}
