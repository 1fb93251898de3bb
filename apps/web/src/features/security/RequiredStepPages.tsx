import { useMutation, useQuery } from "@tanstack/react-query";
import { Alert, Button, Form, Input } from "antd";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { logout } from "../../lib/session-api.ts";
import { queryClient, trpc, trpcClient } from "../../trpc.ts";
import { MfaEnrolment } from "./MfaEnrolment.tsx";
import { SignInCard } from "./SignInCard.tsx";

function SignOutLink() {
  const { t } = useI18n();
  const back = useMutation({ mutationFn: logout, onSettled: () => queryClient.resetQueries() });
  return (
    <Button type="link" style={{ padding: 0, marginTop: 12 }} onClick={() => back.mutate()}>
      {t("mfa.backToLogin")}
    </Button>
  );
}

/** A session whose role requires a second factor it does not have yet: enrol, or nothing. */
export function RequiredEnrolmentPage() {
  const { t } = useI18n();
  const session = useQuery({ queryKey: ["auth-session"], queryFn: () => fetch("/auth/session", { credentials: "include" }).then((r) => r.json() as Promise<{ user?: { username: string } }>) });
  return (
    <SignInCard title={t("mfa.enrol.title")} width={520}>
      <Alert type="info" showIcon title={t("mfa.enrol.requiredHint")} style={{ marginBottom: 16 }} />
      <MfaEnrolment username={session.data?.user?.username ?? ""} onDone={() => void queryClient.resetQueries()} />
      <SignOutLink />
    </SignInCard>
  );
}

/** ASVS 5: a password an administrator chose is replaced before anything else. */
export function RequiredPasswordChangePage() {
  const { t } = useI18n();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; repeat: string }>();
  const change = useMutation({
    mutationFn: (values: { currentPassword: string; newPassword: string }) => trpcClient.me.changePassword.mutate(values),
    onSuccess: () => queryClient.resetQueries({ queryKey: trpc.me.get.queryKey() }),
  });
  return (
    <SignInCard title={t("password.change.title")} width={440}>
      <Alert type="info" showIcon title={t("password.change.hint")} style={{ marginBottom: 16 }} />
      <ErrorAlert error={change.error} />
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(values) => change.mutate({ currentPassword: values.currentPassword, newPassword: values.newPassword })}>
        <Form.Item name="currentPassword" label={t("password.change.current")} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t("password.change.new")} rules={[{ required: true, min: 8, max: 128 }]}>
          <Input.Password autoComplete="new-password" showCount />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={t("password.change.repeat")}
          dependencies={["newPassword"]}
          rules={[{ required: true }, ({ getFieldValue }) => ({ validator: (_, value) => (value === getFieldValue("newPassword") ? Promise.resolve() : Promise.reject(new Error(t("password.change.mismatch")))) })]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={change.isPending}>
          {t("password.change.submit")}
        </Button>
      </Form>
      <SignOutLink />
    </SignInCard>
  );
}
