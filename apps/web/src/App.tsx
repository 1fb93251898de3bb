import { QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
// antd's pickers and calendar name months and weekdays (and start the week) through dayjs's data
// for the ConfigProvider's locale: zh-CN's has to be loaded. Loading it leaves dayjs's own default
// (English) alone, so no date the app formats itself changes.
import "dayjs/locale/zh-cn";
import { styleNonce } from "./csp-nonce.ts";
import { LocaleProvider, useI18n } from "./i18n/locale.tsx";
import { SessionGate } from "./layout/SessionGate.tsx";
import { queryClient } from "./trpc.ts";

function ThemedApp() {
  const { locale } = useI18n();
  return (
    // No space pushed between two Chinese characters in buttons ("登 录"): labels read as written.
    <ConfigProvider locale={locale === "en" ? enUS : zhCN} button={{ autoInsertSpace: false }} csp={{ nonce: styleNonce }}>
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
