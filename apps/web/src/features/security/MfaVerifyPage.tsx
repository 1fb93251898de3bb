import { SafetyOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { Alert, Button, Form, Input, Typography } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { logout, verifySecondFactor } from "../../lib/session-api.ts";
import { queryClient } from "../../trpc.ts";
import { SignInCard } from "./SignInCard.tsx";

/** The login's second step: a code from the authenticator app, or one recovery code. */
export function MfaVerifyPage() {
  const { t } = useI18n();
  const [useRecovery, setUseRecovery] = useState(false);
  const [codesLeft, setCodesLeft] = useState<number | null>(null);
  const verify = useMutation({
    mutationFn: (value: string) => verifySecondFactor(useRecovery ? { recoveryCode: value } : { code: value.replace(/\s+/g, "") }),
    onSuccess: async (result) => {
      if (result.recoveryCodesLeft !== null) {
        setCodesLeft(result.recoveryCodesLeft);
        return;
      }
      await queryClient.resetQueries();
    },
    // A session ended by too many wrong codes goes back to the password.
    onError: (error) => {
      if ((error as { status?: number }).status === 401 && (error as { body?: { code?: string } }).body?.code === "AUTH_SESSION_EXPIRED") void queryClient.resetQueries();
    },
  });
  const back = useMutation({ mutationFn: logout, onSettled: () => queryClient.resetQueries() });
  return (
    <SignInCard title={t("mfa.verify.title")}>
      {codesLeft !== null ? (
        <>
          <Alert type="warning" showIcon title={t("mfa.verify.recoveryLeft", { n: codesLeft })} style={{ marginBottom: 16 }} />
          <Button type="primary" block onClick={() => void queryClient.resetQueries()}>
            {t("mfa.codes.done")}
          </Button>
        </>
      ) : (
        <>
          <Typography.Paragraph type="secondary">{useRecovery ? t("mfa.codes.hint") : t("mfa.verify.hint")}</Typography.Paragraph>
          <ErrorAlert error={verify.error} />
          <Form<{ value: string }> key={useRecovery ? "recovery" : "code"} layout="vertical" requiredMark={false} onFinish={(values) => verify.mutate(values.value.trim())}>
            {useRecovery ? (
              <Form.Item name="value" label={t("mfa.verify.recoveryCode")} rules={[{ required: true, message: t("mfa.verify.recoveryRequired") }]}>
                <Input autoComplete="off" autoFocus placeholder="XXXX-XXXX-XXXX-XXXX" data-testid="mfa-recovery-code" />
              </Form.Item>
            ) : (
              <Form.Item name="value" label={t("mfa.verify.code")} rules={[{ required: true, pattern: /^\s*\d{3}\s?\d{3}\s*$/, message: t("mfa.verify.codeRequired") }]}>
                <Input prefix={<SafetyOutlined />} inputMode="numeric" autoComplete="one-time-code" autoFocus maxLength={8} data-testid="mfa-code" />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" block loading={verify.isPending} data-testid="mfa-submit">
              {t("mfa.verify.submit")}
            </Button>
          </Form>
          <div style={{ display: "flex", justifyContent: "space-between", marginTop: 12 }}>
            <Button type="link" style={{ padding: 0 }} onClick={() => setUseRecovery(!useRecovery)} data-testid="mfa-toggle-recovery">
              {useRecovery ? t("mfa.verify.useCode") : t("mfa.verify.useRecovery")}
            </Button>
            <Button type="link" style={{ padding: 0 }} onClick={() => back.mutate()}>
              {t("mfa.backToLogin")}
            </Button>
          </div>
        </>
      )}
    </SignInCard>
  );
}
