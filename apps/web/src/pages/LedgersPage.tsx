import { Card, Typography } from "antd";
import { useState } from "react";
import { ImportHistoryTable } from "../features/ledgers/ImportHistoryTable.tsx";
import { ImportWizard } from "../features/ledgers/ImportWizard.tsx";
import { LedgerKindsTable } from "../features/ledgers/LedgerKindsTable.tsx";
import { useStation } from "../features/workspace/station-context.tsx";
import { useI18n } from "../i18n/locale.tsx";

/** Ledgers (台账) in and out of the registry (issue 3 items 6–7). */
export function LedgersPage() {
  const { t } = useI18n();
  const { can } = useStation();
  // Each run of the wizard is a fresh component, with its own commit key.
  const [run, setRun] = useState(0);
  return (
    <div data-testid="ledgers-page">
      {can("ledger.import") && (
        <Card title={t("import.title")} style={{ marginBottom: 16 }}>
          <ImportWizard key={run} onRestart={() => setRun((n) => n + 1)} />
        </Card>
      )}
      <Card title={t("ledger.export.section")} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t("ledger.export.explain")}</Typography.Paragraph>
        <LedgerKindsTable />
      </Card>
      <Card title={t("import.history")}>
        <ImportHistoryTable />
      </Card>
    </div>
  );
}
