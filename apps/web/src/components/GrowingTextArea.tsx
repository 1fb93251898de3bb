import { Input } from "antd";
import type { TextAreaProps } from "antd/es/input";

type GrowingTextAreaProps = Omit<TextAreaProps, "autoSize" | "rows"> & { minRows: number; maxRows?: number };

/**
 * A text box that grows with what is typed, by the browser's own `field-sizing: content` (base.css).
 * antd's `autoSize` measures in a hidden textarea whose style it sets as an attribute, which the
 * app's Content-Security-Policy (no inline style) refuses. A browser without field-sizing keeps
 * `minRows` lines and scrolls.
 */
export function GrowingTextArea({ minRows, maxRows, className, style, ...props }: GrowingTextAreaProps) {
  return (
    <Input.TextArea
      {...props}
      rows={minRows}
      className={["grows-with-text", className].filter(Boolean).join(" ")}
      style={{ minHeight: `calc(${minRows}lh + 10px)`, ...(maxRows ? { maxHeight: `calc(${maxRows}lh + 10px)` } : {}), ...style }}
    />
  );
}
