import { useMutation } from "@tanstack/react-query";
import { useI18n } from "../../i18n/locale.tsx";
import { trpc } from "../../trpc.ts";
import { PeriodLedgerExport, useLedgerDownloaded } from "../ledgers/PeriodLedgerExport.tsx";
import { useStation } from "../workspace/station-context.tsx";

/** The 巡访台账 (issue 4 item 3) of a month or a quarter. */
export function VisitLedgerExport() {
  const { t } = useI18n();
  const { stationId } = useStation();
  const ledger = useMutation(trpc.visits.ledger.mutationOptions({ onSuccess: useLedgerDownloaded() }));
  return (
    <PeriodLedgerExport
      title={t("visitLedger.title")}
      explain={t("visitLedger.explain")}
      testId="visit-ledger"
      ledger={{ mutate: (period) => ledger.mutate({ stationId, period }), isPending: ledger.isPending, error: ledger.error }}
    />
  );
}
