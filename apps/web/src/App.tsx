import { QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { LocaleProvider, useI18n } from "./i18n/locale.tsx";
import { SessionGate } from "./layout/SessionGate.tsx";
import { queryClient } from "./trpc.ts";

function ThemedApp() {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === "en" ? enUS : zhCN}>
      <AntApp>
        <SessionGate />
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <ThemedApp />
      </LocaleProvider>
    </QueryClientProvider>
  );
}
