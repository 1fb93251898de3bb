import { BARTHEL_ITEM_KEYS, BARTHEL_ITEMS, BARTHEL_LEVEL_LABELS, barthelLevel, barthelTotal, labelOf } from "@shegong/domain";
import { Card, Form, Radio, Tag, Typography } from "antd";
import { useI18n } from "../../i18n/locale.tsx";
import { barthelOf } from "./visit-form.ts";

const LEVEL_COLORS = { independent: "green", mild: "blue", moderate: "orange", severe: "red" } as const;

/** The Barthel index's ten items (R9 physical assessment), with the total and level as they are answered. */
export function BarthelFields() {
  const { t, locale, pick } = useI18n();
  const form = Form.useFormInstance();
  const values = Form.useWatch(["findings", "elderly", "barthel"], form) as Parameters<typeof barthelOf>[0];
  const { answered, complete } = barthelOf(values);
  const total = complete ? barthelTotal(complete) : null;
  return (
    <Card
      size="small"
      title={t("visit.barthel")}
      style={{ marginBottom: 16 }}
      data-testid="barthel"
      extra={
        total === null ? (
          <Typography.Text type="secondary" data-testid="barthel-progress">
            {t("visit.barthel.progress", { n: answered, of: BARTHEL_ITEM_KEYS.length })}
          </Typography.Text>
        ) : (
          <span data-testid="barthel-total">
            <Typography.Text strong>{t("visit.barthel.total", { total })}</Typography.Text>{" "}
            <Tag color={LEVEL_COLORS[barthelLevel(total)]}>{labelOf(BARTHEL_LEVEL_LABELS, barthelLevel(total), locale)}</Tag>
          </span>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t("visit.barthel.hint")}</Typography.Paragraph>
      {BARTHEL_ITEM_KEYS.map((key) => (
        <Form.Item key={key} name={["findings", "elderly", "barthel", key]} label={labelOf(BARTHEL_ITEMS, key, locale)}>
          <Radio.Group
            orientation="vertical"
            data-testid={`barthel-${key}`}
            options={BARTHEL_ITEMS[key].levels.map((level) => ({
              value: level.score,
              label: t("visit.barthel.option", { score: level.score, text: pick(level) }),
              style: { padding: "6px 0" },
            }))}
          />
        </Form.Item>
      ))}
    </Card>
  );
}
