import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { todayInShanghai } from "@shegong/domain";
import { Button, Form, Input, Select, Space } from "antd";
import { useI18n } from "../../i18n/locale.tsx";
import { categoryOptionGroups } from "./vocab-options.ts";

export interface CategoryEntryValue {
  category?: string;
  startDate?: string;
}

/** Categories to enter at registration, each from its own start date; the server checks the age rules. */
export function CategoryEntriesField() {
  const { t, locale } = useI18n();
  return (
    <Form.List name="categories">
      {(fields, { add, remove }) => (
        <Form.Item label={t("person.categories")} extra={t("person.categories.hint")}>
          {fields.map((field) => (
            <Space key={field.key} align="baseline" style={{ display: "flex" }}>
              <Form.Item name={[field.name, "category"]} rules={[{ required: true, message: t("category.required") }]}>
                <Select style={{ width: 240 }} options={categoryOptionGroups(locale)} placeholder={t("category.category")} />
              </Form.Item>
              <Form.Item name={[field.name, "startDate"]} rules={[{ required: true, message: t("category.startDate.required") }]}>
                <Input type="date" style={{ width: 160 }} aria-label={t("category.startDate")} />
              </Form.Item>
              <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t("common.remove")} />
            </Space>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ startDate: todayInShanghai() })}>
            {t("category.add")}
          </Button>
        </Form.Item>
      )}
    </Form.List>
  );
}
