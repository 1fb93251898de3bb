import { Alert } from "antd";
import { useI18n } from "../i18n/locale.tsx";
import { showError } from "../lib/app-error.ts";

/** A server error in the reader's language, with what it concerns (retry time, plaque names, fields). */
export function ErrorAlert({ error, onClose, fieldLabels }: { error: unknown; onClose?: () => void; fieldLabels?: Record<string, string> }) {
  const { locale } = useI18n();
  if (!error) return null;
  const shown = showError(error, locale);
  const fieldLines = Object.entries(shown.fieldErrors ?? {}).flatMap(([field, messages]) => (messages ?? []).map((m) => `${fieldLabels?.[field] ?? field}: ${m}`));
  const lines = [...shown.extra, ...fieldLines];
  return (
    <Alert
      type="error"
      showIcon
      data-testid="error-alert"
      data-code={shown.code ?? undefined}
      title={shown.message}
      description={lines.length > 0 ? lines.map((line) => <div key={line}>{line}</div>) : undefined}
      closable={onClose ? { onClose } : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
