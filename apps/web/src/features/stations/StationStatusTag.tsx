import { STATION_STATUS_LABELS, STATION_STATUSES, type StationStatus } from "@shegong/domain";
import { Tag } from "antd";
import { useI18n } from "../../i18n/locale.tsx";

const STATUS_COLORS: Record<StationStatus, string> = {
  planned: "default",
  onboarding: "processing",
  active: "success",
  suspended: "warning",
  closed: "error",
};

export function isStationStatus(value: unknown): value is StationStatus {
  return typeof value === "string" && (STATION_STATUSES as readonly string[]).includes(value);
}

export function useStatusLabel() {
  const { pick } = useI18n();
  return (status: string | null | undefined) => (isStationStatus(status) ? pick(STATION_STATUS_LABELS[status]) : (status ?? "—"));
}

export function StationStatusTag({ status }: { status: string | null | undefined }) {
  const label = useStatusLabel();
  if (!isStationStatus(status)) return <Tag>{status ?? "—"}</Tag>;
  return <Tag color={STATUS_COLORS[status]}>{label(status)}</Tag>;
}
