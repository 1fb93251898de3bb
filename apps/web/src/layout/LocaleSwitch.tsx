import { GlobalOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useI18n } from "../i18n/locale.tsx";

export function LocaleSwitch({ light = false }: { light?: boolean }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      data-testid="locale-switch"
      style={light ? { color: "inherit" } : undefined}
      onClick={() => setLocale(locale === "en" ? "zh-CN" : "en")}
    >
      {t("locale.switch")}
    </Button>
  );
}
