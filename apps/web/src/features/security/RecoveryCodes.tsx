import { DownloadOutlined, PrinterOutlined } from "@ant-design/icons";
import { Alert, Button, Space, Typography } from "antd";
import { useI18n } from "../../i18n/locale.tsx";

/** Shown once, right after they are made: the server keeps only their hashes. */
export function RecoveryCodes({ codes, username, onDone }: { codes: string[]; username: string; onDone: () => void }) {
  const { t } = useI18n();
  const text = `${t("app.name")} · ${username}\n${t("mfa.codes.title")}\n\n${codes.join("\n")}\n`;
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `shegong-recovery-codes-${username}.txt`;
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div data-testid="recovery-codes">
      <Typography.Title level={4}>{t("mfa.codes.title")}</Typography.Title>
      <Alert type="warning" showIcon title={t("mfa.codes.hint")} style={{ marginBottom: 16 }} />
      <pre style={{ fontSize: 16, lineHeight: 1.8, padding: 16, background: "#fafafa", border: "1px solid #f0f0f0", borderRadius: 6 }}>{codes.join("\n")}</pre>
      <Space wrap>
        <Button icon={<DownloadOutlined />} onClick={download}>
          {t("mfa.codes.download")}
        </Button>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t("mfa.codes.print")}
        </Button>
        <Button type="primary" onClick={onDone} data-testid="recovery-codes-done">
          {t("mfa.codes.done")}
        </Button>
      </Space>
    </div>
  );
}
