import { QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { LocaleProvider, useI18n } from "./i18n/locale.tsx";
import { SessionGate } from "./layout/SessionGate.tsx";
import { queryClient } from "./trpc.ts";

/** The style nonce the server wrote into this page (absent under the Vite dev server, which sets no CSP). */
const cspNonce = (() => {
  const value = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
  return value && value !== "__CSP_NONCE__" ? value : undefined;
})();

function ThemedApp() {
  const { locale } = useI18n();
  return (
    // No space pushed between two Chinese characters in buttons ("登 录"): labels read as written.
    <ConfigProvider locale={locale === "en" ? enUS : zhCN} button={{ autoInsertSpace: false }} csp={cspNonce ? { nonce: cspNonce } : undefined}>
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
