import { useMutation } from "@tanstack/react-query";
import { todayInShanghai, type LedgerKindKey } from "@shegong/domain";
import { Alert, App, Checkbox, Form, Input, Modal } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { trpc } from "../../trpc.ts";
import { useStation } from "../workspace/station-context.tsx";
import { downloadBase64 } from "./ledger-files.ts";

export interface LedgerKindRef {
  key: LedgerKindKey;
  title: string;
}

/** Exports a register as the xlsx bureaus use, as of a date; full ID numbers only for those who may, on purpose, audited. */
export function ExportLedgerDialog({ kind, onClose }: { kind: LedgerKindRef; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { stationId, can } = useStation();
  const today = todayInShanghai();
  const [asOf, setAsOf] = useState(today);
  const [fullIds, setFullIds] = useState(false);
  const exportLedger = useMutation(
    trpc.ledgers.export.mutationOptions({
      onSuccess: (file) => {
        downloadBase64(file.fileName, file.base64);
        void message.success(t("ledger.exported", { n: file.rows }));
        onClose();
      },
    }),
  );
  return (
    <Modal
      open
      title={t("ledger.export.title", { title: kind.title })}
      okText={t("ledger.export")}
      cancelText={t("common.cancel")}
      okButtonProps={{ loading: exportLedger.isPending }}
      onOk={() => exportLedger.mutate({ stationId, kind: kind.key, asOf, fullIds })}
      onCancel={onClose}
      destroyOnHidden
      data-testid="export-dialog"
    >
      <ErrorAlert error={exportLedger.error} />
      <Form layout="vertical">
        <Form.Item label={t("people.asOf")} extra={t("ledger.export.asOfHint")}>
          <Input type="date" value={asOf} max={today} onChange={(e) => setAsOf(e.target.value || today)} />
        </Form.Item>
        {can("ledger.export.full_ids") && (
          <Form.Item extra={fullIds ? undefined : t("ledger.export.maskedHint")}>
            <Checkbox checked={fullIds} onChange={(e) => setFullIds(e.target.checked)} data-testid="export-full-ids">
              {t("ledger.export.fullIds")}
            </Checkbox>
          </Form.Item>
        )}
        {fullIds && <Alert type="warning" showIcon title={t("ledger.export.fullIdsWarning")} />}
      </Form>
    </Modal>
  );
}
