import { formatFen, yuanToFen } from "@shegong/domain";
import { Input, Typography } from "antd";
import type { Rule } from "antd/es/form";

/** An amount in fen, shown as 元 with two decimals; negative balances in red. */
export function Money({ fen, strong }: { fen: number; strong?: boolean }) {
  return (
    <Typography.Text type={fen < 0 ? "danger" : undefined} strong={strong} style={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}>
      {formatFen(fen)}
    </Typography.Text>
  );
}

/** Typed in 元 ("200000", "1,234.56"), stored in fen: read as digits, never through floating point. */
export function YuanInput(props: { value?: string; onChange?: (value: string) => void; placeholder?: string; "data-testid"?: string }) {
  return <Input {...props} value={props.value} onChange={(e) => props.onChange?.(e.target.value)} suffix="元" inputMode="decimal" />;
}

export function yuanRule(message: string): Rule {
  return {
    validator: (_, value: unknown) => {
      const fen = typeof value === "string" ? yuanToFen(value) : null;
      return fen !== null && fen > 0 ? Promise.resolve() : Promise.reject(new Error(message));
    },
  };
}

export function fenOf(value: unknown): number {
  return typeof value === "string" ? (yuanToFen(value) ?? 0) : 0;
}

export function yuanOf(fen: number): string {
  return formatFen(fen).replace("元", "");
}
