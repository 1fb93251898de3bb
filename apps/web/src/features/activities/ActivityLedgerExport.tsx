import { useMutation } from "@tanstack/react-query";
import { useI18n } from "../../i18n/locale.tsx";
import { trpc } from "../../trpc.ts";
import { PeriodLedgerExport, useLedgerDownloaded } from "../ledgers/PeriodLedgerExport.tsx";
import { useStation } from "../workspace/station-context.tsx";

/** The 活动台账 of a month or a quarter: activities with their attendance counts and volunteer time. */
export function ActivityLedgerExport() {
  const { t } = useI18n();
  const { stationId } = useStation();
  const ledger = useMutation(trpc.activities.ledger.mutationOptions({ onSuccess: useLedgerDownloaded() }));
  return (
    <PeriodLedgerExport
      title={t("activityLedger.title")}
      explain={t("activityLedger.explain")}
      testId="activity-ledger"
      ledger={{ mutate: (period) => ledger.mutate({ stationId, period }), isPending: ledger.isPending, error: ledger.error }}
    />
  );
}
