import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { Button, Card, Form, Input, Typography } from "antd";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { LocaleSwitch } from "../layout/LocaleSwitch.tsx";
import { login } from "../lib/session-api.ts";
import { queryClient } from "../trpc.ts";

interface LoginForm {
  username: string;
  password: string;
}

export function LoginPage() {
  const { t } = useI18n();
  const signIn = useMutation({
    mutationFn: (values: LoginForm) => login(values.username.trim(), values.password),
    // Everything cached belonged to whoever was signed in before.
    onSuccess: () => queryClient.resetQueries(),
  });
  return (
    <div style={{ minHeight: "100vh", display: "flex", flexDirection: "column", alignItems: "center", justifyContent: "center", background: "#f5f5f5" }}>
      <div style={{ position: "absolute", top: 16, right: 16 }}>
        <LocaleSwitch />
      </div>
      <Card style={{ width: 380 }}>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
          {t("app.name")}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t("app.tagline")}</Typography.Paragraph>
        <ErrorAlert error={signIn.error} />
        <Form<LoginForm> name="login" layout="vertical" onFinish={(values) => signIn.mutate(values)} requiredMark={false}>
          <Form.Item name="username" label={t("login.username")} rules={[{ required: true, message: t("login.required.username") }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t("login.password")} rules={[{ required: true, message: t("login.required.password") }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={signIn.isPending} data-testid="login-submit">
            {t("login.submit")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
