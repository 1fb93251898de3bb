import { useMutation, useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Popconfirm, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { MfaEnrolment } from "../features/security/MfaEnrolment.tsx";
import { RecoveryCodes } from "../features/security/RecoveryCodes.tsx";
import { useI18n } from "../i18n/locale.tsx";
import type { Me } from "../lib/access.ts";
import { queryClient, trpc, trpcClient } from "../trpc.ts";

/** The signed-in person's own security: their second factor and recovery codes. */
export function SecurityPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const status = useQuery(trpc.me.mfa.status.queryOptions());
  const [enrolling, setEnrolling] = useState(false);
  const regenerate = useMutation({ mutationFn: () => trpcClient.me.mfa.regenerateRecoveryCodes.mutate() });
  const refresh = () => {
    setEnrolling(false);
    regenerate.reset();
    void queryClient.invalidateQueries({ queryKey: trpc.me.mfa.status.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.me.get.queryKey() });
  };
  const mfa = status.data;
  return (
    <Card title={t("mfa.settings.title")} style={{ maxWidth: 720 }}>
      <ErrorAlert error={status.error ?? regenerate.error} />
      {regenerate.data ? (
        <RecoveryCodes codes={regenerate.data.recoveryCodes} username={me.user.username} onDone={refresh} />
      ) : enrolling ? (
        <MfaEnrolment username={me.user.username} onDone={refresh} />
      ) : mfa ? (
        <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
          <Space wrap>
            <Typography.Text strong data-testid="mfa-state">
              {mfa.enrolled ? t("mfa.settings.enrolled", { date: mfa.enrolledAt ? new Date(mfa.enrolledAt).toLocaleDateString() : "" }) : t("mfa.settings.notEnrolled")}
            </Typography.Text>
            {mfa.required && <Tag color="blue">{t("mfa.settings.required")}</Tag>}
          </Space>
          {mfa.demoExempt && !mfa.enrolled && <Alert type="warning" showIcon title={t("mfa.demoBanner")} />}
          {mfa.enrolled && <Typography.Text>{t("mfa.settings.codesLeft", { n: mfa.recoveryCodesLeft })}</Typography.Text>}
          <Space wrap>
            {mfa.enrolled && (
              <Popconfirm title={t("mfa.settings.regenerateConfirm")} onConfirm={() => regenerate.mutate()}>
                <Button loading={regenerate.isPending} data-testid="mfa-regenerate">
                  {t("mfa.settings.regenerate")}
                </Button>
              </Popconfirm>
            )}
            <Button type={mfa.enrolled ? "default" : "primary"} onClick={() => setEnrolling(true)} data-testid="mfa-enrol-open">
              {mfa.enrolled ? t("mfa.settings.reenrol") : t("mfa.settings.enrol")}
            </Button>
          </Space>
          {!mfa.enrolled && <Typography.Paragraph type="secondary">{t("mfa.enrol.optionalHint")}</Typography.Paragraph>}
        </Space>
      ) : null}
    </Card>
  );
}
