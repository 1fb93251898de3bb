import { todayInShanghai } from "@shegong/domain";
import { App, Button, Card, Input, Radio, Select, Space, Typography } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { downloadBase64 } from "./ledger-files.ts";

type PeriodKind = "month" | "quarter";
export type LedgerPeriod = { month: string } | { quarter: string };

/** What a period ledger's export mutation gives the card: how to ask for a period, and how it went. */
export interface PeriodLedgerMutation {
  mutate: (period: LedgerPeriod) => void;
  isPending: boolean;
  error: unknown;
}

/** The download and the "exported N rows" notice every period ledger shows on success. */
export function useLedgerDownloaded() {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (file: { fileName: string; base64: string; rows: number }) => {
    downloadBase64(file.fileName, file.base64);
    void message.success(t("ledger.exported", { n: file.rows }));
  };
}

/** A ledger of a month or a quarter (巡访台账, 活动台账), downloaded as the xlsx bureaus keep. */
export function PeriodLedgerExport({ title, explain, ledger, testId }: { title: string; explain: string; ledger: PeriodLedgerMutation; testId: string }) {
  const { t } = useI18n();
  const today = todayInShanghai();
  const year = Number(today.slice(0, 4));
  const [kind, setKind] = useState<PeriodKind>("month");
  const [month, setMonth] = useState(today.slice(0, 7));
  const thisQuarter = `${year}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
  const [quarter, setQuarter] = useState(thisQuarter);
  // This year's quarters so far and last year's: the ones a ledger can be asked for.
  const quarters = [year, year - 1].flatMap((y) => [4, 3, 2, 1].map((q) => `${y}-Q${q}`)).filter((q) => q <= thisQuarter);
  return (
    <Card title={title} size="small" style={{ marginBottom: 16 }} data-testid={testId}>
      <ErrorAlert error={ledger.error} />
      <Typography.Paragraph type="secondary">{explain}</Typography.Paragraph>
      <Space wrap>
        <Radio.Group
          optionType="button"
          value={kind}
          onChange={(e) => setKind(e.target.value as PeriodKind)}
          options={[
            { value: "month", label: t("visitLedger.month") },
            { value: "quarter", label: t("visitLedger.quarter") },
          ]}
        />
        {kind === "month" ? (
          <Input type="month" value={month} max={today.slice(0, 7)} onChange={(e) => setMonth(e.target.value || today.slice(0, 7))} style={{ width: 160 }} data-testid="ledger-month" />
        ) : (
          <Select value={quarter} onChange={setQuarter} options={quarters.map((q) => ({ value: q, label: q }))} style={{ width: 140 }} data-testid="ledger-quarter" />
        )}
        <Button type="primary" loading={ledger.isPending} onClick={() => ledger.mutate(kind === "month" ? { month } : { quarter })} data-testid={`export-${testId}`}>
          {t("ledger.export")}
        </Button>
      </Space>
    </Card>
  );
}
