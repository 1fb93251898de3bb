import { useMutation } from "@tanstack/react-query";
import { Button, Form, Input, Typography } from "antd";
import { useMemo, useState } from "react";
import { renderSVG } from "uqr";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { trpcClient } from "../../trpc.ts";
import { RecoveryCodes } from "./RecoveryCodes.tsx";

/** Begin (new key: QR code, key to type, otpauth link), confirm with a code, then the recovery codes once. */
export function MfaEnrolment({ username, onDone }: { username: string; onDone: () => void }) {
  const { t } = useI18n();
  const [codes, setCodes] = useState<string[] | null>(null);
  const begin = useMutation({ mutationFn: () => trpcClient.me.mfa.beginEnrol.mutate() });
  const confirm = useMutation({
    mutationFn: (code: string) => trpcClient.me.mfa.confirmEnrol.mutate({ code }),
    onSuccess: (result) => setCodes(result.recoveryCodes),
  });
  // The QR code is drawn in the browser from the URI: the key never goes to a third party.
  const qr = useMemo(() => (begin.data ? `data:image/svg+xml;utf8,${encodeURIComponent(renderSVG(begin.data.uri, { border: 2 }))}` : null), [begin.data]);

  if (codes) return <RecoveryCodes codes={codes} username={username} onDone={onDone} />;
  if (!begin.data) {
    return (
      <>
        <ErrorAlert error={begin.error} />
        <Button type="primary" loading={begin.isPending} onClick={() => begin.mutate()} data-testid="mfa-enrol-start">
          {t("mfa.enrol.start")}
        </Button>
      </>
    );
  }
  return (
    <div>
      <Typography.Paragraph>{t("mfa.enrol.step1")}</Typography.Paragraph>
      {qr && <img src={qr} alt="otpauth QR" width={200} height={200} style={{ display: "block", marginBottom: 12 }} />}
      <Typography.Paragraph>
        {t("mfa.enrol.secret")}:{" "}
        <Typography.Text code copyable data-testid="mfa-secret">
          {begin.data.secret}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ wordBreak: "break-all" }}>
        {t("mfa.enrol.uri")}: <Typography.Text copyable>{begin.data.uri}</Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph>{t("mfa.enrol.step2")}</Typography.Paragraph>
      <ErrorAlert error={confirm.error} />
      <Form<{ code: string }> layout="inline" onFinish={(values) => confirm.mutate(values.code.trim())}>
        <Form.Item name="code" rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t("mfa.verify.codeRequired") }]}>
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={8} style={{ width: 140 }} data-testid="mfa-enrol-code" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={confirm.isPending} data-testid="mfa-enrol-confirm">
          {t("mfa.enrol.confirm")}
        </Button>
      </Form>
    </div>
  );
}
