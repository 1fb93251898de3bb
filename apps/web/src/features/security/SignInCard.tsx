import { Card, Typography } from "antd";
import type { ReactNode } from "react";
import { useI18n } from "../../i18n/locale.tsx";
import { LocaleSwitch } from "../../layout/LocaleSwitch.tsx";

/** The centred card the sign-in steps share (password, second factor, enrolment, initial password). */
export function SignInCard({ title, width = 380, children }: { title: string; width?: number; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div style={{ minHeight: "100vh", display: "flex", flexDirection: "column", alignItems: "center", justifyContent: "center", background: "#f5f5f5", padding: 16 }}>
      <div style={{ position: "absolute", top: 16, right: 16 }}>
        <LocaleSwitch />
      </div>
      <Card style={{ width: "100%", maxWidth: width }}>
        <Typography.Text type="secondary">{t("app.name")}</Typography.Text>
        <Typography.Title level={3} style={{ marginTop: 4 }}>
          {title}
        </Typography.Title>
        {children}
      </Card>
    </div>
  );
}
